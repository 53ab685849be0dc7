package ca.aiguillage.localstack.stubs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider for the local stack, speaking Twilio's Messages API ({@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded): it answers 201 and logs each
 * text message with the number masked; {@code GET …/Messages.json?To=} lists the messages
 * it took for a number, newest first, as notification-service asks before resending after
 * an unknown outcome. {@link #answerLate} makes it a slow provider: it takes the next
 * messages at once but answers each only after a delay, past the sender's read timeout.
 */
public final class LocalSmsProvider implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalSmsProvider.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	// A request repeated with the same idempotency token (after a read timeout) is
	// answered
	// with the first message's id and not sent again.
	private final Map<String, String> sidsByToken = new ConcurrentHashMap<>();

	private final Map<String, Integer> received;

	private final Map<String, Integer> posted;

	// How many of the next new messages are answered late, and how late.
	private final AtomicInteger lateAnswers = new AtomicInteger();

	private volatile Duration answerAfter = Duration.ZERO;

	private final Set<String> answeredLate = ConcurrentHashMap.newKeySet();

	// What a lookup answers: kept in memory, for the stack's lifetime only.
	private final Deque<Sent> sent = new ConcurrentLinkedDeque<>();

	private record Sent(String sid, String to, String from, String body, ZonedDateTime createdAt) {
	}

	private LocalSmsProvider(HttpServer server, Map<String, Integer> received, Map<String, Integer> posted) {
		this.server = server;
		this.received = received;
		this.posted = posted;
	}

	/**
	 * Starts on the port given, or on any free port when that one is taken.
	 * @param port the preferred port
	 * @return the running provider
	 */
	public static LocalSmsProvider start(int port) {
		return start(port, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
	}

	/**
	 * Starts on the port given, counting what it takes into a ledger that outlives it (a
	 * provider stopped and started again by a fault test).
	 * @param port the preferred port
	 * @param received the counts of new messages by idempotency token, shared across
	 * restarts
	 * @param posted the counts of requests by idempotency token, repeats included, shared
	 * across restarts
	 * @return the running provider
	 */
	public static LocalSmsProvider start(int port, Map<String, Integer> received, Map<String, Integer> posted) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException taken) {
			try {
				server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		LocalSmsProvider provider = new LocalSmsProvider(server, received, posted);
		server.createContext("/2010-04-01/Accounts/", provider::message);
		// A late answer holds its own thread, never the others' requests.
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		return provider;
	}

	public String baseUrl() {
		return "http://localhost:" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Makes the next new messages slow: each is taken (counted, and listed by a lookup)
	 * at once, and answered only after the delay, as a provider that accepted it and then
	 * kept the sender waiting past its read timeout.
	 * @param messages how many of the next new messages
	 * @param after how late each is answered
	 */
	public void answerLate(int messages, Duration after) {
		this.answerAfter = after;
		this.lateAnswers.set(messages);
	}

	private void message(HttpExchange exchange) throws IOException {
		if ("GET".equals(exchange.getRequestMethod())) {
			lookup(exchange);
			return;
		}
		try (exchange) {
			String token = exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token");
			this.posted.merge((token != null) ? token : "no-token", 1, Integer::sum);
			String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
			String first = (token != null) ? this.sidsByToken.putIfAbsent(token, sid) : null;
			if (first != null) {
				answer(exchange, first);
				return;
			}
			this.received.merge((token != null) ? token : "no-token", 1, Integer::sum);
			String to = "";
			String from = "";
			String body = "";
			for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
				.split("&")) {
				String[] parts = pair.split("=", 2);
				String value = (parts.length == 2) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
				if (parts[0].equals("To")) {
					to = value;
				}
				else if (parts[0].equals("Body")) {
					body = value;
				}
				else if (parts[0].equals("From")) {
					from = value;
				}
			}
			String digits = to.replaceAll("[^0-9]", "");
			// A client's link answers for them: the log shows the text, never the link.
			log.info("SMS to +•••{}: {}", digits.substring(Math.max(0, digits.length() - 2)),
					body.replaceAll("/r/[A-Za-z0-9_.-]+", "/r/•••"));
			this.sent.addFirst(new Sent(sid, to, from, body, ZonedDateTime.now(ZoneOffset.UTC)));
			if (this.lateAnswers.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				this.answeredLate.add((token != null) ? token : "no-token");
				holdBack(this.answerAfter);
			}
			answer(exchange, sid);
		}
	}

	private void lookup(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			String to = "";
			for (String pair : (query != null) ? query.split("&") : new String[0]) {
				String[] parts = pair.split("=", 2);
				if (parts[0].equals("To") && parts.length == 2) {
					to = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
				}
			}
			String number = to;
			List<Map<String, String>> messages = this.sent.stream()
				.filter((message) -> message.to().equals(number))
				.limit(50)
				.map((message) -> Map.of("sid", message.sid(), "to", message.to(), "from", message.from(), "body",
						message.body(), "status", "delivered", "date_created",
						DateTimeFormatter.RFC_1123_DATE_TIME.format(message.createdAt())))
				.toList();
			byte[] answer = JSON.writeValueAsBytes(Map.of("messages", messages));
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	private static void holdBack(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void answer(HttpExchange exchange, String sid) throws IOException {
		byte[] answer = ("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(201, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	/**
	 * How many text messages this provider took as new, by idempotency token (the
	 * delivery's id): more than one for a token is a client texted twice.
	 * @return the counts, {@code no-token} for requests without one
	 */
	public Map<String, Integer> received() {
		return Map.copyOf(this.received);
	}

	/**
	 * How many requests to send a message came, by idempotency token, repeats included:
	 * more than one for a token is a sender that asked twice for one message.
	 * @return the counts, {@code no-token} for requests without one
	 */
	public Map<String, Integer> posted() {
		return Map.copyOf(this.posted);
	}

	/**
	 * The messages {@link #answerLate} held back, by idempotency token.
	 * @return their tokens
	 */
	public Set<String> answeredLate() {
		return Set.copyOf(this.answeredLate);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

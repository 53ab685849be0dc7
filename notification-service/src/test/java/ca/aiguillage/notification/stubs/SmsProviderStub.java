package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider speaking Twilio's Messages API: HTTP Basic with the account SID and
 * auth token, form-encoded {@code To}, {@code From}, {@code Body}; 201 with a message
 * SID. A number can be made invalid (400, code 21211) or the provider briefly down (503),
 * or it can take a message and answer late or with a 500. It takes a message once per
 * {@code I-Twilio-Idempotency-Token} and answers a repeat with the first message's SID,
 * unless told to ignore the token for a number (Twilio does not document it for
 * messages). Like Twilio, it lists the messages it took
 * ({@code GET …/Messages.json?To=&From=}, newest first, with {@code body},
 * {@code date_created} in RFC 2822 and {@code status}).
 */
public final class SmsProviderStub extends LoopbackServer {

	public static final String ACCOUNT = "AC-test";

	public static final String TOKEN = "sms-test-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A text message the provider took.
	 *
	 * @param to the number
	 * @param from the sender
	 * @param body the text
	 */
	public record Sms(String to, String from, String body) {
	}

	private final List<Sms> sent = new CopyOnWriteArrayList<>();

	private final Map<String, Boolean> invalid = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final Map<String, AtomicInteger> requestsByNumber = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> answersByNumber = new ConcurrentHashMap<>();

	private final Map<String, Long> lateAnswers = new ConcurrentHashMap<>();

	private final Map<String, String> sidsByIdempotencyToken = new ConcurrentHashMap<>();

	private final Set<String> ignoringTokens = ConcurrentHashMap.newKeySet();

	private final Set<String> failingAfterTaking = ConcurrentHashMap.newKeySet();

	private final List<Taken> taken = new CopyOnWriteArrayList<>();

	private final AtomicInteger lookups = new AtomicInteger();

	private record Taken(String sid, Sms sms, Instant createdAt) {
	}

	SmsProviderStub() {
		super("/2010-04-01/Accounts/");
	}

	public String url() {
		return baseUrl();
	}

	public void invalidNumber(String number) {
		this.invalid.put(number, true);
	}

	/** The next {@code times} messages to this number get a 503. */
	public void outageFor(String number, int times) {
		this.outages.put(number, new AtomicInteger(times));
	}

	/** Messages to this number are taken at once, and answered after {@code millis}. */
	public void answerLateFor(String number, long millis) {
		this.lateAnswers.put(number, millis);
	}

	/** Messages to this number are taken again on every request, token or not. */
	public void ignoreIdempotencyTokenFor(String number) {
		this.ignoringTokens.add(number);
	}

	/** Messages to this number are taken, then answered with a 500. */
	public void failAfterTakingFor(String number) {
		this.failingAfterTaking.add(number);
	}

	/** How many times the messages taken were listed. */
	public int lookups() {
		return this.lookups.get();
	}

	public List<Sms> sentTo(String number) {
		return this.sent.stream().filter(sms -> sms.to().equals(number)).toList();
	}

	public int requests() {
		return this.requests.get();
	}

	/** Every request about this number, whatever became of it. */
	public int requestsTo(String number) {
		AtomicInteger count = this.requestsByNumber.get(number);
		return (count != null) ? count.get() : 0;
	}

	@Override
	void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
				|| !exchange.getRequestURI().getPath().equals("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json")) {
			answer(exchange, 401, "application/json", "{\"code\":20003,\"message\":\"Authenticate\"}");
			return;
		}
		if (exchange.getRequestMethod().equals("GET")) {
			list(exchange);
			return;
		}
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String to = form.getOrDefault("To", "");
		this.requestsByNumber.computeIfAbsent(to, number -> new AtomicInteger()).incrementAndGet();
		if (this.invalid.containsKey(to)) {
			answer(exchange, 400, "application/json",
					"{\"code\":21211,\"message\":\"The 'To' number " + to + " is not a valid phone number.\"}");
			return;
		}
		AtomicInteger outage = this.outages.get(to);
		if (outage != null && outage.getAndDecrement() > 0) {
			answer(exchange, 503, "application/json", "{\"code\":20500,\"message\":\"Service unavailable\"}");
			return;
		}
		String token = exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token");
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		String known = (token != null && !this.ignoringTokens.contains(to))
				? this.sidsByIdempotencyToken.putIfAbsent(token, sid) : null;
		if (known != null) {
			answer(exchange, 201, "application/json", "{\"sid\":\"" + known + "\",\"status\":\"queued\"}");
			return;
		}
		Sms sms = new Sms(to, form.getOrDefault("From", ""), form.getOrDefault("Body", ""));
		this.sent.add(sms);
		// Dated by the service's clock, as a real provider's clock agrees with a real
		// service's.
		this.taken.add(0, new Taken(sid, sms, StubbedChannels.clock().instant()));
		if (this.failingAfterTaking.contains(to)) {
			answer(exchange, 500, "application/json", "{\"code\":20500,\"message\":\"Internal error\"}");
			return;
		}
		Long late = this.lateAnswers.get(to);
		if (late != null) {
			try {
				// A provider that took the message and answers after the caller gave up.
				Thread.sleep(late);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		answer(exchange, 201, "application/json", "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
		this.answersByNumber.computeIfAbsent(to, number -> new AtomicInteger()).incrementAndGet();
	}

	/** Messages to this number the provider took and answered 201 for (late ones too). */
	public int answersTo(String number) {
		AtomicInteger count = this.answersByNumber.get(number);
		return (count != null) ? count.get() : 0;
	}

	private void list(HttpExchange exchange) throws IOException {
		this.lookups.incrementAndGet();
		String query = exchange.getRequestURI().getRawQuery();
		Map<String, String> filters = form((query != null) ? query : "");
		String messages = this.taken.stream()
			.filter(known -> known.sms().to().equals(filters.get("To")))
			.filter(known -> !filters.containsKey("From") || known.sms().from().equals(filters.get("From")))
			.map(known -> "{\"sid\":\"" + known.sid() + "\",\"to\":\"" + known.sms().to() + "\",\"body\":"
					+ JSON.writeValueAsString(known.sms().body()) + ",\"status\":\"delivered\",\"date_created\":\""
					+ DateTimeFormatter.RFC_1123_DATE_TIME.format(known.createdAt().atOffset(ZoneOffset.UTC)) + "\"}")
			.collect(Collectors.joining(","));
		answer(exchange, 200, "application/json", "{\"messages\":[" + messages + "]}");
	}

	static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

}

package ca.aiguillage.localstack.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import ca.aiguillage.platform.webhooks.WebhookSignatures;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's webhook endpoint for the local stack, as a partner's system would run one
 * (Standard Webhooks): it checks the {@code webhook-signature} with the secret the
 * partner was given, answers 204, logs the event's type (never a person's data) and
 * counts each {@code webhook-id} it acknowledged, so that a message delivered twice after
 * it was acknowledged shows in the {@code messages-once} invariant. A message whose
 * signature does not verify is answered 401 and counted under {@value #BAD_SIGNATURE}.
 */
public final class LocalWebhookReceiver implements AutoCloseable {

	/** The count of messages refused for their signature. */
	public static final String BAD_SIGNATURE = "bad-signature";

	private static final Logger log = LoggerFactory.getLogger(LocalWebhookReceiver.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, Integer> acknowledged;

	private volatile @Nullable String secret;

	private LocalWebhookReceiver(HttpServer server, Map<String, Integer> acknowledged) {
		this.server = server;
		this.acknowledged = acknowledged;
	}

	/**
	 * Starts on a free loopback port.
	 * @param acknowledged the counts of acknowledged messages by {@code webhook-id},
	 * shared across restarts
	 * @return the running receiver
	 */
	public static LocalWebhookReceiver start(Map<String, Integer> acknowledged) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		LocalWebhookReceiver receiver = new LocalWebhookReceiver(server, acknowledged);
		server.createContext("/", receiver::receive);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		return receiver;
	}

	/**
	 * Starts on a free loopback port with a ledger of its own.
	 * @return the running receiver
	 */
	public static LocalWebhookReceiver start() {
		return start(new ConcurrentHashMap<>());
	}

	/**
	 * The endpoint a partner registers.
	 * @param partnerId the partner, as the path's last segment
	 * @return its URL on this receiver
	 */
	public String urlOf(String partnerId) {
		return "http://localhost:" + this.server.getAddress().getPort() + "/webhooks/" + partnerId;
	}

	/**
	 * The signing secret the partner was given when its endpoint was registered.
	 * @param secret {@code whsec_…}
	 */
	public void signedWith(String secret) {
		this.secret = secret;
	}

	/**
	 * What was acknowledged.
	 * @return the counts by {@code webhook-id}, and {@value #BAD_SIGNATURE}
	 */
	public Map<String, Integer> acknowledged() {
		return Map.copyOf(this.acknowledged);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (!"POST".equals(exchange.getRequestMethod()) || id == null || timestamp == null || signatures == null) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			if (!verified(id, timestamp, signatures, body)) {
				this.acknowledged.merge(BAD_SIGNATURE, 1, Integer::sum);
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			this.acknowledged.merge(id, 1, Integer::sum);
			exchange.sendResponseHeaders(204, -1);
			log.info("Webhook to {}: {}", exchange.getRequestURI().getPath(), typeOf(body));
		}
	}

	private boolean verified(String id, String timestamp, String signatures, String body) {
		String expected = this.secret;
		if (expected == null) {
			return true;
		}
		String signature = WebhookSignatures.signature(expected, id, timestamp, body);
		return Arrays.asList(signatures.split(" ")).contains(signature);
	}

	private static String typeOf(String body) {
		try {
			JsonNode type = JSON.readTree(body).get("type");
			return (type != null) ? type.asString() : "(no type)";
		}
		catch (RuntimeException ex) {
			return "(not JSON)";
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

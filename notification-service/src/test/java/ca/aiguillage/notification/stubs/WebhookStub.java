package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

/**
 * Partners' endpoints: {@code /hooks/<name>} takes a JSON POST and records it with its
 * Standard Webhooks headers; an endpoint can be made slow.
 */
public final class WebhookStub extends LoopbackServer {

	/**
	 * A call received.
	 *
	 * @param endpoint the endpoint's name
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp}
	 * @param signature the {@code webhook-signature}
	 * @param receivedAt when it arrived
	 */
	public record Call(String endpoint, String id, String timestamp, String signature, String body,
			Instant receivedAt) {
	}

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Long> slowness = new ConcurrentHashMap<>();

	WebhookStub() {
		super("/hooks/");
	}

	public String url(String endpoint) {
		return baseUrl() + "/hooks/" + endpoint;
	}

	/** Makes an endpoint answer only after a while. */
	public void slow(String endpoint, long millis) {
		this.slowness.put(endpoint, millis);
	}

	public List<Call> callsTo(String endpoint) {
		return this.calls.stream().filter(call -> call.endpoint().equals(endpoint)).toList();
	}

	@Override
	void handle(HttpExchange exchange) throws IOException {
		String endpoint = exchange.getRequestURI().getPath().substring("/hooks/".length());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Long slow = this.slowness.get(endpoint);
		if (slow != null) {
			try {
				// A deliberately slow partner: the one place a test sleeps.
				Thread.sleep(slow);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.calls.add(new Call(endpoint, exchange.getRequestHeaders().getFirst("webhook-id"),
				exchange.getRequestHeaders().getFirst("webhook-timestamp"),
				exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now()));
		answer(exchange, 204, "text/plain", "");
	}

}

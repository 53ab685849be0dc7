package ca.aiguillage.notification.channels;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON POST to a partner's endpoint, signed the Standard Webhooks way:
 * {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}.
 */
public final class WebhookChannel {

	/** The prefix of a Standard Webhooks secret. */
	public static final String SECRET_PREFIX = "whsec_";

	private final HttpClient http;

	private final Duration timeout;

	private final Clock clock;

	public WebhookChannel(Duration timeout, Clock clock) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
		this.timeout = timeout;
		this.clock = clock;
	}

	/** The name of one endpoint's circuit breaker. */
	public static String breakerOf(URI url) {
		return "webhook:" + url;
	}

	/**
	 * Posts one event.
	 * @param url the partner's endpoint
	 * @param secret its secret, {@code whsec_<base64>}
	 * @param id the message id, the same on every retry so the partner can deduplicate
	 * @param json the body
	 * @throws ChannelFailure permanent on a 4xx, transient on a 5xx or a timeout
	 */
	public void post(URI url, String secret, String id, String json) {
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("webhook-id", id)
			.header("webhook-timestamp", timestamp)
			.header("webhook-signature", signature(secret, id, timestamp, json))
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build();
		HttpResponse<Void> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (java.io.IOException ex) {
			throw new ChannelFailure(false, "WEBHOOK_" + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ChannelFailure(false, "WEBHOOK_INTERRUPTED", ex);
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return;
		}
		throw new ChannelFailure(status >= 400 && status < 500 && status != 408 && status != 429, "WEBHOOK_" + status);
	}

	/**
	 * The {@code webhook-signature} header of a message.
	 * @param secret {@code whsec_<base64 key>}
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp}, in seconds
	 * @param body the exact body
	 * @return {@code v1,<base64 signature>}
	 */
	public static String signature(String secret, String id, String timestamp, String body) {
		byte[] key = Base64.getDecoder()
			.decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

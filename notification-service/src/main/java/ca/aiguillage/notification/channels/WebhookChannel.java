package ca.aiguillage.notification.channels;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import ca.aiguillage.platform.webhooks.WebhookAddresses;
import ca.aiguillage.platform.webhooks.WebhookSignatures;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * A JSON POST to a partner's endpoint, signed the Standard Webhooks way:
 * {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>} (one per
 * signing secret while a rotation overlaps). Every connection resolves its host through
 * {@link WebhookAddresses}, so it reaches only an address checked at that moment; no
 * redirect is followed and no proxy is used.
 */
public final class WebhookChannel implements AutoCloseable {

	/** The prefix of a Standard Webhooks secret. */
	public static final String SECRET_PREFIX = WebhookSignatures.SECRET_PREFIX;

	/** Why a message was not sent to an endpoint that resolves to a refused range. */
	public static final String ADDRESS_REFUSED = "WEBHOOK_ADDRESS_REFUSED";

	private final CloseableHttpClient http;

	private final Clock clock;

	public WebhookChannel(Duration timeout, WebhookAddresses addresses, Clock clock) {
		Timeout limit = Timeout.of(timeout);
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(addresses)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.setMaxConnPerRoute(4)
				.setMaxConnTotal(64)
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.build();
		this.clock = clock;
	}

	/** The name of one endpoint's circuit breaker. */
	public static String breakerOf(URI url) {
		return "webhook:" + url;
	}

	/**
	 * Posts one event.
	 * @param url the partner's endpoint
	 * @param secrets its signing secrets, {@code whsec_<base64>}, the current one first
	 * @param id the message id, the same on every retry so the partner can deduplicate
	 * @param json the body
	 * @throws ChannelFailure permanent on a 4xx or a refused address, transient on a 5xx
	 * or a timeout
	 */
	public void post(URI url, List<String> secrets, String id, String json) {
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		HttpPost request = new HttpPost(url);
		request.setHeader("webhook-id", id);
		request.setHeader("webhook-timestamp", timestamp);
		request.setHeader("webhook-signature", signatures(secrets, id, timestamp, json));
		request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
		int status;
		try {
			status = this.http.execute(request, response -> {
				EntityUtils.consume(response.getEntity());
				return response.getCode();
			});
		}
		catch (WebhookAddresses.RefusedAddress ex) {
			throw new ChannelFailure(true, ADDRESS_REFUSED, ex);
		}
		catch (IOException ex) {
			throw new ChannelFailure(false, "WEBHOOK_" + ex.getClass().getSimpleName(), ex);
		}
		if (status >= 200 && status < 300) {
			return;
		}
		throw new ChannelFailure(status >= 400 && status < 500 && status != 408 && status != 429, "WEBHOOK_" + status);
	}

	/** The {@code webhook-signature} header: one signature per secret, space apart. */
	public static String signatures(List<String> secrets, String id, String timestamp, String body) {
		return WebhookSignatures.signatures(secrets, id, timestamp, body);
	}

	/** The {@code webhook-signature} of a message with one secret. */
	public static String signature(String secret, String id, String timestamp, String body) {
		return WebhookSignatures.signature(secret, id, timestamp, body);
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

}

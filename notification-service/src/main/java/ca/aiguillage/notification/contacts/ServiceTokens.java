package ca.aiguillage.notification.contacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * notification-service's own access token (OAuth 2.0 client credentials). In its last
 * minute it is renewed aside, on a thread of its own, while the senders go on with it: a
 * renewal waits on the authorization server (a password hash and a signature), and every
 * lane of email, SMS and webhooks would otherwise wait with it. The first is fetched the
 * same way as the service becomes ready. Only a sender with no token, or one whose token
 * has expired, waits for the new one.
 */
final class ServiceTokens {

	private static final Logger log = LoggerFactory.getLogger(ServiceTokens.class);

	/** How long before it expires a token is renewed. */
	private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

	private final RestClient http;

	private final ContactSettings.Client client;

	private final Clock clock;

	private final AtomicBoolean renewing = new AtomicBoolean();

	private volatile @Nullable Held held;

	private record Held(String token, Instant renewAt, Instant expiresAt) {
	}

	ServiceTokens(RestClient.Builder http, ContactSettings.Client client, Clock clock) {
		this.http = http.clone().build();
		this.client = client;
		this.clock = clock;
	}

	String current() {
		Held current = this.held;
		Instant now = this.clock.instant();
		if (current != null && now.isBefore(current.renewAt())) {
			return current.token();
		}
		if (current != null && now.isBefore(current.expiresAt())) {
			renewAside();
			return current.token();
		}
		return renewedAfter(current);
	}

	void forget() {
		this.held = null;
	}

	/**
	 * Fetches a first token aside, once the service is ready, so that the first message
	 * does not wait for it; if the authorization server does not answer yet, the first
	 * sender fetches it as before.
	 */
	void fetchAhead() {
		if (this.held == null) {
			renewAside();
		}
	}

	private void renewAside() {
		if (this.renewing.compareAndSet(false, true)) {
			Thread.ofVirtual().name("service-token-renewal").start(() -> {
				try {
					renewedAfter(this.held);
				}
				catch (RestClientException | IllegalStateException ex) {
					// The token in hand is still good; the next sender tries again.
					log.warn("Fetching notification-service's access token ahead failed: {}",
							ex.getClass().getSimpleName());
				}
				finally {
					this.renewing.set(false);
				}
			});
		}
	}

	/** One fetch at a time: whoever waited behind it takes what it brought. */
	private synchronized String renewedAfter(@Nullable Held seen) {
		Held current = this.held;
		if (current != null && current != seen && this.clock.instant().isBefore(current.expiresAt())) {
			return current.token();
		}
		Instant asked = this.clock.instant();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		Map<?, ?> answer = this.http.post()
			.uri(this.client.tokenUri())
			.headers(headers -> headers.setBasicAuth(this.client.id(), this.client.secret()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(Map.class);
		if (answer == null || !(answer.get("access_token") instanceof String accessToken)) {
			throw new IllegalStateException("The token endpoint gave no access token");
		}
		long lifetime = (answer.get("expires_in") instanceof Number seconds) ? seconds.longValue() : 300;
		Instant expiresAt = asked.plusSeconds(lifetime);
		Instant renewAt = expiresAt.minus(RENEW_BEFORE);
		this.held = new Held(accessToken, renewAt.isAfter(asked) ? renewAt : asked, expiresAt);
		return accessToken;
	}

}

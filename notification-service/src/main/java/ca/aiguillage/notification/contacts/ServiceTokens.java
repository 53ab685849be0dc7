package ca.aiguillage.notification.contacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * notification-service's own access token (OAuth 2.0 client credentials), kept until a
 * minute before it expires.
 */
final class ServiceTokens {

	private final RestClient http;

	private final ContactSettings.Client client;

	private final Clock clock;

	private @Nullable String token;

	private Instant renewAt = Instant.MIN;

	ServiceTokens(RestClient.Builder http, ContactSettings.Client client, Clock clock) {
		this.http = http.clone().build();
		this.client = client;
		this.clock = clock;
	}

	synchronized String current() {
		Instant now = this.clock.instant();
		if (this.token == null || !now.isBefore(this.renewAt)) {
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
			this.token = accessToken;
			this.renewAt = now.plus(Duration.ofSeconds(Math.max(0, lifetime - 60)));
		}
		return this.token;
	}

	synchronized void forget() {
		this.token = null;
	}

}

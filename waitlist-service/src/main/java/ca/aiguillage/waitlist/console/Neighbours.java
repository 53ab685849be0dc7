package ca.aiguillage.waitlist.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Where the console's pages find what other services own, asked at view time with the
 * signed-in coordinator's own token.
 *
 * @param matchingUrl matching-service: therapist and organization names, override
 * candidates
 * @param referralUrl referral-service: the client's identity
 * @param notificationUrl notification-service: its dead letters, for administrators
 * @param timeout how long a page waits for either before showing what it has
 */
@ConfigurationProperties("waitlist.console")
public record Neighbours(@DefaultValue("http://localhost:8082") URI matchingUrl,
		@DefaultValue("http://localhost:8081") URI referralUrl,
		@DefaultValue("http://localhost:8084") URI notificationUrl, @DefaultValue("2s") Duration timeout) {

	/**
	 * A client for one of them that never keeps a page waiting longer than the time-out.
	 */
	RestClient client(RestClient.Builder http, URI base) {
		SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
		timeouts.setConnectTimeout(this.timeout);
		timeouts.setReadTimeout(this.timeout);
		return http.clone().baseUrl(base.toString()).requestFactory(timeouts).build();
	}

}

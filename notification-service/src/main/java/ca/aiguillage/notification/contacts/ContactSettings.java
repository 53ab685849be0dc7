package ca.aiguillage.notification.contacts;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where contact details and predicted starts come from, and how notification-service
 * proves who it is.
 *
 * @param referralService referral-service's base URL
 * @param waitlistService waitlist-service's base URL, where predicted starts come from
 * @param client the client-credentials client of notification-service
 * @param keyFile the file holding the key that hashes mobile numbers (and signs links),
 * generated owner-only when missing
 */
@ConfigurationProperties("notification")
public record ContactSettings(@DefaultValue("http://localhost:8081") URI referralService,
		@DefaultValue("http://localhost:8083") URI waitlistService, @DefaultValue Client client,
		@DefaultValue("data/notification/keys.json") Path keyFile) {

	/**
	 * @param tokenUri the authorization server's token endpoint
	 * @param id the client id
	 * @param secret the client secret
	 */
	public record Client(@DefaultValue("http://localhost:9000/oauth2/token") URI tokenUri,
			@DefaultValue("notification-service") String id, @DefaultValue("") String secret) {
	}

}

package ca.aiguillage.notification.links;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client links.
 *
 * @param baseUrl the public address of notification-service, which links start with
 * @param proposalLifetime how long a proposal's link works (a check-in's works until its
 * answer-by date)
 * @param confirmationLifetime how long a self-referred client has to confirm an address
 * or number; their messages to it wait that long, then the coordinators hear
 */
@ConfigurationProperties("notification.links")
public record LinkSettings(@DefaultValue("http://localhost:8084") URI baseUrl,
		@DefaultValue("P3D") Duration proposalLifetime, @DefaultValue("P7D") Duration confirmationLifetime) {

	/** The address of a link's page. */
	public String url(String token) {
		String base = this.baseUrl.toString();
		return (base.endsWith("/") ? base : base + "/") + "r/" + token;
	}

}

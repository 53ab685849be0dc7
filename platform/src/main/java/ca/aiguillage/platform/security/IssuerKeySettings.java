package ca.aiguillage.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service keeps the authorization server's public keys.
 *
 * @param cacheFor how long fetched keys are used before they are fetched again (in the
 * background, shortly before they run out; at once for a token signed by an unknown key)
 * @param timeout how long a fetch may take to connect, and then to answer
 * @param outageTolerance how long the last keys are still used while the authorization
 * server cannot be reached
 * @param retryAfter what the {@code Retry-After} of the 503 answer says when no key is at
 * hand
 */
@ConfigurationProperties("aiguillage.security.issuer-keys")
public record IssuerKeySettings(@DefaultValue("PT1H") Duration cacheFor, @DefaultValue("PT5S") Duration timeout,
		@DefaultValue("P1D") Duration outageTolerance, @DefaultValue("PT30S") Duration retryAfter) {

}

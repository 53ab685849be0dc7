package ca.aiguillage.fhir.subscription;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What partners' subscription endpoints may be, as for webhooks.
 *
 * @param allowHttp whether plain http endpoints are accepted (the local stack only)
 * @param allowLoopback whether endpoints on loopback are accepted: for tests and the
 * local stack, refused at start unless the {@code local} profile is active
 * @param timeout how long a partner's endpoint may take to answer
 * @param publicBase the gateway's FHIR base as partners reach it, for fullUrls
 */
@ConfigurationProperties("fhir.subscriptions")
public record SubscriptionSettings(@DefaultValue("false") boolean allowHttp,
		@DefaultValue("false") boolean allowLoopback, @DefaultValue("PT10S") Duration timeout,
		@DefaultValue("http://localhost:8085/fhir") URI publicBase) {

	/** The only profile under which loopback endpoints may be allowed. */
	static final String LOCAL_PROFILE = "local";

}

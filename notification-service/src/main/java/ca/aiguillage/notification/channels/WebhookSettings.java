package ca.aiguillage.notification.channels;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What partners' endpoints may be, and how a new signing secret takes over.
 *
 * @param allowHttp whether plain http endpoints are accepted (the local stack only)
 * @param allowLoopback whether endpoints on loopback are accepted: for tests and the
 * local stack, refused at start unless the {@code local} profile is active
 * @param secretOverlap how long after a rotation the previous secret still signs beside
 * the new one
 */
@ConfigurationProperties("notification.webhooks")
public record WebhookSettings(@DefaultValue("false") boolean allowHttp, @DefaultValue("false") boolean allowLoopback,
		@DefaultValue("PT24H") Duration secretOverlap) {

	/** The only profile under which loopback endpoints may be allowed. */
	public static final String LOCAL_PROFILE = "local";

}

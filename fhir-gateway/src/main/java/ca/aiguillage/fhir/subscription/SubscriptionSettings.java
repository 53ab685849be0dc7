package ca.aiguillage.fhir.subscription;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What partners' subscription endpoints may be, as for webhooks, and how a notification
 * they did not acknowledge is tried again.
 *
 * @param allowHttp whether plain http endpoints are accepted (the local stack only)
 * @param allowLoopback whether endpoints on loopback are accepted: for tests and the
 * local stack, refused at start unless the {@code local} profile is active
 * @param timeout how long a partner's endpoint may take to answer
 * @param publicBase the gateway's FHIR base as partners reach it, for fullUrls
 * @param retry how a notification not acknowledged is tried again
 */
@ConfigurationProperties("fhir.subscriptions")
public record SubscriptionSettings(@DefaultValue("false") boolean allowHttp,
		@DefaultValue("false") boolean allowLoopback, @DefaultValue("PT10S") Duration timeout,
		@DefaultValue("http://localhost:8085/fhir") URI publicBase, @DefaultValue Retry retry) {

	/** The only profile under which loopback endpoints may be allowed. */
	static final String LOCAL_PROFILE = "local";

	/**
	 * Each wait is as long as the notification has already waited, between the first and
	 * the longest back-off, until the deadline after it was counted.
	 *
	 * @param firstBackoff the wait after the first failure
	 * @param maxBackoff the longest wait
	 * @param deadline how long after it was counted a notification is still tried
	 * @param pollInterval how often the sender looks for what is due when nothing wakes
	 * it
	 */
	public record Retry(@DefaultValue("PT30S") Duration firstBackoff, @DefaultValue("PT30M") Duration maxBackoff,
			@DefaultValue("PT24H") Duration deadline, @DefaultValue("PT1S") Duration pollInterval) {

		Instant nextAttempt(Instant recordedAt, Instant now) {
			Duration waited = Duration.between(recordedAt, now);
			Duration wait = (waited.compareTo(this.firstBackoff) < 0) ? this.firstBackoff
					: (waited.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : waited;
			Instant deadlineAt = recordedAt.plus(this.deadline);
			return now.plus(wait).isAfter(deadlineAt) ? deadlineAt : now.plus(wait);
		}

		boolean passed(Instant recordedAt, Instant now) {
			return !now.isBefore(recordedAt.plus(this.deadline));
		}

	}

}

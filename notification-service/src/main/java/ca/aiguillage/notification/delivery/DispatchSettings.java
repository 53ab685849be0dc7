package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.Audience;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How deliveries are sent.
 *
 * @param pollInterval how often due deliveries are looked for (each new one also wakes
 * the sender)
 * @param lease how long a sender holds a delivery before another may take it over
 * @param coordinatorEmails the coordinators' address of each organization
 * @param defaultCoordinatorEmail the address for an organization not listed, or null
 * @param retry how a delivery that failed for a passing reason is tried again
 */
@ConfigurationProperties("notification.dispatch")
record DispatchSettings(@DefaultValue("PT1S") Duration pollInterval, @DefaultValue("PT5M") Duration lease,
		@DefaultValue Map<String, String> coordinatorEmails, @Nullable String defaultCoordinatorEmail,
		@DefaultValue Retry retry) {

	/**
	 * Each wait is as long as the delivery has already waited, between the first and the
	 * longest back-off, until the audience's deadline after the message was recorded.
	 *
	 * @param firstBackoff the wait after the first passing failure
	 * @param maxBackoff the longest wait between two attempts
	 * @param clientDeadline how long a client's message is tried
	 * @param referrerDeadline how long a partner's webhook is tried
	 * @param coordinatorDeadline how long a coordinators' email is tried
	 */
	record Retry(@DefaultValue("PT30S") Duration firstBackoff, @DefaultValue("PT30M") Duration maxBackoff,
			@DefaultValue("PT24H") Duration clientDeadline, @DefaultValue("PT72H") Duration referrerDeadline,
			@DefaultValue("PT24H") Duration coordinatorDeadline) {

		Duration deadlineOf(Audience audience) {
			return switch (audience) {
				case CLIENT -> this.clientDeadline;
				case REFERRER -> this.referrerDeadline;
				case COORDINATOR -> this.coordinatorDeadline;
			};
		}

		/** The next attempt, never after the deadline. */
		Instant nextAttempt(Instant recordedAt, Instant now, Audience audience) {
			Duration waited = Duration.between(recordedAt, now);
			Duration wait = (waited.compareTo(this.firstBackoff) < 0) ? this.firstBackoff
					: (waited.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : waited;
			Instant deadline = recordedAt.plus(deadlineOf(audience));
			return now.plus(wait).isAfter(deadline) ? deadline : now.plus(wait);
		}

		boolean passed(Instant recordedAt, Instant now, Audience audience) {
			return !now.isBefore(recordedAt.plus(deadlineOf(audience)));
		}

	}

	@Nullable String coordinatorsOf(@Nullable String organizationId) {
		String listed = (organizationId != null) ? this.coordinatorEmails.get(organizationId) : null;
		return (listed != null) ? listed : this.defaultCoordinatorEmail;
	}

}

package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A coordinator took a referral out of the queue (ineligible, redirected elsewhere,
 * unreachable); a reserved place is released. No longer published: waitlist-service
 * publishes {@link ReferralLeftQueueV2}; consumers still read this version, which topics
 * keep.
 *
 * @param referralId the referral this event is about, also its message key
 * @param outcome why it left
 * @param leftAt when it left
 */
public record ReferralLeftQueueV1(String referralId, Outcome outcome, Instant leftAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.left-queue.v1";

	/**
	 * Outcome.
	 */
	public enum Outcome {

		/** Not eligible for the service. */
		INELIGIBLE,
		/** Redirected to another service. */
		REDIRECTED,
		/** The client could not be reached. */
		UNREACHABLE

	}

}

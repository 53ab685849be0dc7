package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A referral left the queue before or instead of therapy: a coordinator took it out
 * (ineligible, redirected elsewhere, unreachable, no longer needed), or the client said
 * they no longer need the service; a reserved place is released. Replaces
 * {@link ReferralLeftQueueV1}, which had no exit for a client's own answer and did not
 * say who closed the referral; V1 events already published stay readable.
 *
 * @param referralId the referral this event is about, also its message key
 * @param outcome why it left
 * @param closedBy who took it out
 * @param leftAt when it left
 */
public record ReferralLeftQueueV2(String referralId, Outcome outcome, ClosedBy closedBy,
		Instant leftAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.left-queue.v2";

	/**
	 * Why the referral left.
	 */
	public enum Outcome {

		/** Not eligible for the service. */
		INELIGIBLE,
		/** Redirected to another service. */
		REDIRECTED,
		/** The client could not be reached. */
		UNREACHABLE,
		/** The client said they no longer need the service. */
		NO_LONGER_NEEDED;

		/**
		 * The same outcome in this version.
		 * @param outcome a V1 outcome
		 * @return its V2 equivalent
		 */
		public static Outcome of(ReferralLeftQueueV1.Outcome outcome) {
			return switch (outcome) {
				case INELIGIBLE -> INELIGIBLE;
				case REDIRECTED -> REDIRECTED;
				case UNREACHABLE -> UNREACHABLE;
			};
		}

	}

	/**
	 * Who took the referral out of the queue.
	 */
	public enum ClosedBy {

		/** A coordinator, on the console or the API. */
		COORDINATOR,
		/** The client, answering a check-in through a signed link or an SMS reply. */
		CLIENT

	}

	/**
	 * A V1 event read as this version: V1 exits were all a coordinator's.
	 * @param v1 a V1 event
	 * @return the same exit in this version
	 */
	public static ReferralLeftQueueV2 of(ReferralLeftQueueV1 v1) {
		return new ReferralLeftQueueV2(v1.referralId(), Outcome.of(v1.outcome()), ClosedBy.COORDINATOR, v1.leftAt());
	}

}

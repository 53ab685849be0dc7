package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A waiting client is due a check-in: do they still need the service, and did things get
 * worse?
 *
 * @param referralId the referral this event is about, also its message key
 * @param checkInId the check-in
 * @param sequence 1 for the first check-in of this wait, 2 for the second…
 * @param dueAt when it fell due
 * @param answerBy when it counts as unanswered
 * @param trigger why it fell due; absent (as in events published before it was added)
 * means {@link Trigger#INTERVAL}
 */
public record CheckInDueV1(String referralId, String checkInId, int sequence, Instant dueAt, Instant answerBy,
		@Nullable Trigger trigger) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.check-in-due.v1";

	/**
	 * A check-in of the regular interval.
	 * @param referralId the referral
	 * @param checkInId the check-in
	 * @param sequence its number in this wait
	 * @param dueAt when it fell due
	 * @param answerBy when it counts as unanswered
	 */
	public CheckInDueV1(String referralId, String checkInId, int sequence, Instant dueAt, Instant answerBy) {
		this(referralId, checkInId, sequence, dueAt, answerBy, null);
	}

	/**
	 * Why a check-in fell due.
	 */
	public enum Trigger {

		/**
		 * The regular interval between check-ins passed (or an unanswered one is asked
		 * again).
		 */
		INTERVAL,
		/**
		 * The client became one of the first waiting for places likely to free up soon:
		 * asked before a place is offered.
		 */
		HEAD_OF_LINE

	}

}

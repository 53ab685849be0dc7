package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A waiting client is due a check-in: do they still need the service, and did things get
 * worse?
 *
 * @param referralId the referral this event is about, also its message key
 * @param checkInId the check-in
 * @param sequence 1 for the first check-in of this wait, 2 for the second…
 * @param dueAt when it fell due
 * @param answerBy when it counts as unanswered
 */
public record CheckInDueV1(String referralId, String checkInId, int sequence, Instant dueAt,
		Instant answerBy) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.check-in-due.v1";

}

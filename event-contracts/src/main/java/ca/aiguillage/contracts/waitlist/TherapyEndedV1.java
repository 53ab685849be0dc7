package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * The therapy ended; the therapist's place is free again.
 *
 * @param referralId the referral this event is about, also its message key
 * @param therapistId the proposed therapist
 * @param endedAt when it ended
 */
public record TherapyEndedV1(String referralId, String therapistId, Instant endedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.therapy-ended.v1";

}

package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A poor fit in the first sessions: the place is released and the client matched again,
 * keeping the original registration date.
 *
 * @param referralId the referral this event is about, also its message key
 * @param therapistId the proposed therapist
 * @param registeredAt the original registration, from which the wait counts
 * @param requestedAt when it was asked
 */
public record RematchRequestedV1(String referralId, String therapistId, Instant registeredAt,
		Instant requestedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.rematch-requested.v1";

}

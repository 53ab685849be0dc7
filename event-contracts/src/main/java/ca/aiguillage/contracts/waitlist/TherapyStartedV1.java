package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * The first session took place.
 *
 * @param referralId the referral this event is about, also its message key
 * @param therapistId the proposed therapist
 * @param startedAt when the first session took place
 */
public record TherapyStartedV1(String referralId, String therapistId, Instant startedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.therapy-started.v1";

}

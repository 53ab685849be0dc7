package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A referral entered the waitlist because no therapist fits it now.
 *
 * @param referralId the referral this event is about, also its message key
 * @param registeredAt when the referral was registered (its wait started)
 * @param waitlistedAt when it entered the waitlist
 */
public record WaitlistedV1(String referralId, Instant registeredAt, Instant waitlistedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.waitlisted.v1";

}

package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A coordinator took a referral that no organization held yet (a self-referral with no
 * fitting place, a network-wide referral) from the network queue: it now belongs to their
 * organization's queue.
 *
 * @param referralId the referral this event is about, also its message key
 * @param organizationId the organization that took it
 * @param takenAt when it was taken
 */
public record ReferralTakenV1(String referralId, String organizationId, Instant takenAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.referral-taken.v1";

}

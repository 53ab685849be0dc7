package ca.aiguillage.contracts.referral;

import java.time.Instant;

/**
 * A coordinator decided whether a referral flagged as a possible duplicate concerns the
 * same person as the other: linked (the referral leaves the queue, the other one carries
 * on) or separate (two people, both carry on).
 *
 * @param referralId the flagged referral id
 * @param otherReferralId the open referral it was compared with
 * @param resolution what the coordinator decided
 * @param resolvedBy the coordinator's organization
 * @param resolvedAt when
 */
public record PossibleDuplicateResolvedV1(String referralId, String otherReferralId, Resolution resolution,
		String resolvedBy, Instant resolvedAt) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.possible-duplicate-resolved.v1";

	/** What the coordinator decided. */
	public enum Resolution {

		/**
		 * The same person: the flagged referral is linked to the other and leaves the
		 * queue.
		 */
		LINKED,
		/** Two people: both referrals carry on. */
		SEPARATE

	}

}

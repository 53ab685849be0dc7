package ca.aiguillage.contracts.referral;

import java.time.Instant;
import java.util.List;

/**
 * A new referral may concern the same person as another open referral, on evidence too
 * weak to link them (a shared phone or email alone) or against a referral that never
 * reached the queue: it was opened and queued as usual, and a coordinator decides.
 *
 * @param referralId the new referral id
 * @param otherReferralId the open referral it may duplicate
 * @param matchedOn which keyed hashes matched, as codes (NAME_AND_DATE_OF_BIRTH, NAME,
 * DATE_OF_BIRTH, PHONE, EMAIL)
 * @param flaggedAt when it was flagged
 */
public record PossibleDuplicateFlaggedV1(String referralId, String otherReferralId, List<String> matchedOn,
		Instant flaggedAt) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.possible-duplicate-flagged.v1";

}

package ca.aiguillage.contracts.referral;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A referral for a person who already has an open referral was linked to it instead of
 * being queued twice.
 *
 * @param referralId the new referral id
 * @param openReferralId the open referral it was linked to
 * @param partnerId the partner who sent the new referral, or null for a self-referral
 * @param matchedOn which keys matched, as codes
 * @param linkedAt when it was linked
 */
public record ReferralLinkedToOpenV1(String referralId, String openReferralId, @Nullable String partnerId,
		List<String> matchedOn, Instant linkedAt) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.linked-to-open.v1";

}

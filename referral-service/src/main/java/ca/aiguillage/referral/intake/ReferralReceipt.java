package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.SessionFee;
import org.jspecify.annotations.Nullable;

/**
 * What a referrer sees of a referral: no personal data is echoed back.
 *
 * @param status where it stands
 * @param receivedAt when it was registered
 * @param crisisResources the numbers to call now, when the referral was redirected
 * @param timeline every step so far, oldest first (closed loop)
 * @param fee the fee per session from the sliding scale, or null when the income was not
 * given
 * @param linkedTo the open referral of the same person this one was linked to, or null
 */
public record ReferralReceipt(String referralId, String status, Instant receivedAt, List<String> crisisResources,
		List<Referral.Step> timeline, @Nullable SessionFee fee, @Nullable String linkedTo) {

	private static final List<String> CRISIS_RESOURCES = List.of("911", "811", "988", "1-866-277-3553");

	public static ReferralReceipt of(Referral referral) {
		return new ReferralReceipt(referral.getId(), referral.status().name(), referral.receivedAt(),
				(referral.status() == ReferralStatus.REDIRECTED) ? CRISIS_RESOURCES : List.of(), referral.timeline(),
				referral.fee(), referral.linkedTo());
	}

}

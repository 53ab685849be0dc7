package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.platform.security.Caller;
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
 * @param partnerReference the referrer's own reference (its file number), shown only to
 * the referrer; or null
 */
public record ReferralReceipt(String referralId, String status, Instant receivedAt, List<String> crisisResources,
		List<Referral.Step> timeline, @Nullable SessionFee fee, @Nullable String linkedTo,
		@Nullable String partnerReference) {

	private static final List<String> CRISIS_RESOURCES = List.of("911", "811", "988", "1-866-277-3553");

	/**
	 * What its referrer sees: a referral linked to another referrer's reads as a new
	 * referral, so that no referrer learns of a person's referral sent by someone else.
	 */
	public static ReferralReceipt of(Referral referral) {
		if (!referral.linkHidden()) {
			return whole(referral, referral.request().partnerReference());
		}
		List<Referral.Step> timeline = referral.timeline()
			.stream()
			.map((step) -> (step.status() == ReferralStatus.LINKED)
					? new Referral.Step(ReferralStatus.SUBMITTED, step.at(), step.organizationId()) : step)
			.toList();
		return new ReferralReceipt(referral.getId(), ReferralStatus.SUBMITTED.name(), referral.receivedAt(), List.of(),
				timeline, referral.fee(), null, referral.request().partnerReference());
	}

	/**
	 * What a coordinator or an administrator sees.
	 */
	public static ReferralReceipt full(Referral referral) {
		return whole(referral, null);
	}

	private static ReferralReceipt whole(Referral referral, @Nullable String partnerReference) {
		return new ReferralReceipt(referral.getId(), referral.status().name(), referral.receivedAt(),
				(referral.status() == ReferralStatus.REDIRECTED) ? CRISIS_RESOURCES : List.of(), referral.timeline(),
				referral.fee(), referral.linkedTo(), partnerReference);
	}

	/**
	 * What the caller sees: its referrer the referrer's view, others the whole.
	 */
	public static ReferralReceipt forCaller(Referral referral, Caller caller) {
		return caller.isPartner(referral.partnerId()) ? of(referral) : full(referral);
	}

}

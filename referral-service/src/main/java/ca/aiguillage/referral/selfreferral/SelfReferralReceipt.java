package ca.aiguillage.referral.selfreferral;

import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.referral.intake.ReferralStatus;
import org.jspecify.annotations.Nullable;

/**
 * What an anonymous client learns of their referral: that it was received (or that they
 * should call a crisis line now) and its fee. Never whether the same person was referred
 * before: an anonymous page must not reveal someone else's referral.
 *
 * @param referralId the referral id, to quote when calling
 * @param redirected whether imminent risk sent the client to crisis resources
 * @param fee the fee per session, or null when the income was not given
 */
public record SelfReferralReceipt(String referralId, boolean redirected, @Nullable SessionFee fee) {

	static SelfReferralReceipt of(Referral referral) {
		return new SelfReferralReceipt(referral.getId(), referral.status() == ReferralStatus.REDIRECTED,
				referral.fee());
	}

	/**
	 * A short reference to quote on the phone.
	 * @return the first eight characters of the id, upper case
	 */
	public String reference() {
		return this.referralId.substring(0, 8).toUpperCase(java.util.Locale.ROOT);
	}

	/**
	 * The fee in dollars, for display.
	 * @param locale the page's language
	 * @return the fee, such as {@code 25,00} in French or {@code 25.00} in English
	 */
	public @Nullable String dollars(java.util.Locale locale) {
		return (this.fee != null) ? String.format(locale, "%.2f", this.fee.amountCents() / 100.0) : null;
	}

}

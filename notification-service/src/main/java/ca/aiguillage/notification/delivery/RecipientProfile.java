package ca.aiguillage.notification.delivery;

import java.util.List;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import org.jspecify.annotations.Nullable;

/**
 * How to write to a client: in which language, on which channels they consented to. The
 * addresses themselves stay in referral-service and are fetched at send time.
 *
 * @param language ISO 639-1 code of the language the client asked for
 * @param channels the consented channels, in the order the client gave them
 * @param feeCents the fee per session from the sliding scale, or null
 * @param selfReferred whether the client referred themself through the public form, so
 * whoever filled it chose the destinations: Canadian numbers only, hourly budgets
 */
public record RecipientProfile(String language, List<ContactChannel> channels, @Nullable Integer feeCents,
		boolean selfReferred) {

	static RecipientProfile of(ReferralSubmittedV1 submitted) {
		SessionFee fee = submitted.fee();
		return new RecipientProfile(submitted.preferredLanguage(),
				submitted.contactChannels().stream().distinct().toList(), (fee != null) ? fee.amountCents() : null,
				submitted.intakeChannel() == IntakeChannel.SELF_REFERRAL);
	}

	static RecipientProfile of(ReferralRedirectedV1 redirected) {
		// The redirection carries no intake channel: a referral without a partner came
		// through the public form.
		return new RecipientProfile(redirected.preferredLanguage(),
				redirected.contactChannels().stream().distinct().toList(), null, redirected.partnerId() == null);
	}

	String fee() {
		return (this.feeCents == null) ? "NONE" : this.feeCents.toString();
	}

}

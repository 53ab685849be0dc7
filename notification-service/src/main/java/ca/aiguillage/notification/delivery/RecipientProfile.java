package ca.aiguillage.notification.delivery;

import java.util.List;

import ca.aiguillage.contracts.common.ContactChannel;
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
 */
public record RecipientProfile(String language, List<ContactChannel> channels, @Nullable Integer feeCents) {

	static RecipientProfile of(ReferralSubmittedV1 submitted) {
		SessionFee fee = submitted.fee();
		return new RecipientProfile(submitted.preferredLanguage(),
				submitted.contactChannels().stream().distinct().toList(), (fee != null) ? fee.amountCents() : null);
	}

	static RecipientProfile of(ReferralRedirectedV1 redirected) {
		return new RecipientProfile(redirected.preferredLanguage(),
				redirected.contactChannels().stream().distinct().toList(), null);
	}

	String fee() {
		return (this.feeCents == null) ? "NONE" : this.feeCents.toString();
	}

}

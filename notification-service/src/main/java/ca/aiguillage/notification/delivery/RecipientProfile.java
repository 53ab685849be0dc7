package ca.aiguillage.notification.delivery;

import java.util.List;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;

/**
 * How to write to a client: in which language, on which channels they consented to. The
 * addresses themselves stay in referral-service and are fetched at send time.
 *
 * @param language ISO 639-1 code of the language the client asked for
 * @param channels the consented channels, in the order the client gave them
 */
record RecipientProfile(String language, List<ContactChannel> channels) {

	static RecipientProfile of(ReferralSubmittedV1 submitted) {
		return new RecipientProfile(submitted.preferredLanguage(),
				submitted.contactChannels().stream().distinct().toList());
	}

}

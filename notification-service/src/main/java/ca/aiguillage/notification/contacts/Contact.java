package ca.aiguillage.notification.contacts;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How referral-service says a client may be reached; held in memory only while sending.
 *
 * @param preferredLanguage ISO 639-1 code
 * @param firstName the client's first name
 * @param email the email address, or null
 * @param mobilePhone the mobile number in E.164, or null
 * @param consent the consent given per channel ({@code email}, {@code sms})
 */
public record Contact(String referralId, @Nullable String preferredLanguage, @Nullable String firstName,
		@Nullable String email, @Nullable String mobilePhone, @Nullable Map<String, Boolean> consent) {

	public boolean consentsTo(String channel) {
		return this.consent != null && Boolean.TRUE.equals(this.consent.get(channel));
	}

	@Override
	public String toString() {
		// Never print an address by accident.
		return "Contact[" + this.referralId + ", email " + Masks.email(this.email) + ", mobile "
				+ Masks.phone(this.mobilePhone) + "]";
	}

}

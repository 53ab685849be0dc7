package ca.aiguillage.referral.api;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * How notification-service reaches a client: contact details never travel on Kafka, so it
 * asks here at send time, with its own client-credentials token. Only the channels the
 * client consented to are given, and each read is in the access trail.
 */
@RestController
class ClientContactController {

	/** The one client allowed to read contact details. */
	static final String NOTIFICATION_SERVICE = "notification-service";

	private final Aggregates aggregates;

	private final PersonalDataCipher cipher;

	private final AccessTrail trail;

	ClientContactController(Aggregates aggregates, PersonalDataCipher cipher, AccessTrail trail) {
		this.aggregates = aggregates;
		this.cipher = cipher;
		this.trail = trail;
	}

	@GetMapping("/api/v1/referrals/{id}/contact")
	@PreAuthorize("hasRole('SERVICE')")
	ClientContact contact(@PathVariable String id) {
		Caller caller = Caller.current();
		if (!caller.isService(NOTIFICATION_SERVICE)) {
			throw new AccessDeniedException("only notification-service reads contact details");
		}
		Referral referral = this.aggregates.find(Referral.class, id)
			.orElseThrow(() -> new NotFoundException("referral"));
		this.trail.record(caller, "READ_CONTACT", id, Purpose.NOTIFICATION);
		Referral.PersonalData personal = referral.personalData(this.cipher);
		boolean email = Boolean.TRUE.equals(referral.request().consent().email()) && personal.email() != null;
		boolean sms = Boolean.TRUE.equals(referral.request().consent().sms()) && personal.mobilePhone() != null;
		return new ClientContact(id, referral.request().preferredLanguage(), personal.firstName(),
				email ? personal.email() : null, sms ? personal.mobilePhone() : null, new Consent(email, sms));
	}

	/**
	 * What a message to the client needs, and no more.
	 *
	 * @param referralId the referral
	 * @param preferredLanguage the language for messages
	 * @param firstName the first name, for the greeting
	 * @param email the email address, only if the client consented to email
	 * @param mobilePhone the mobile number in E.164 form, only if the client consented to
	 * SMS
	 * @param consent the channels the client consented to
	 */
	record ClientContact(String referralId, String preferredLanguage, String firstName, @Nullable String email,
			@Nullable String mobilePhone, Consent consent) {
	}

	/**
	 * The channels the client consented to.
	 *
	 * @param sms text messages
	 */
	record Consent(boolean email, boolean sms) {
	}

}

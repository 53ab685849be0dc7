package ca.aiguillage.referral.api;

import java.util.List;
import java.util.Set;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the client is and how to reach them, for the coordinator of the organization
 * holding the referral, read at view time with the coordinator's own token: never in
 * lists, logs or events, and every read in the access trail with its purpose.
 */
@RestController
class ClientIdentityController {

	// Law 25's purpose limitation: a coordinator says why before anything is read.
	private static final Set<Purpose> PURPOSES = Set.of(Purpose.CONTACT_CLIENT, Purpose.CRISIS_FOLLOW_UP,
			Purpose.ELIGIBILITY_REVIEW);

	private final Aggregates aggregates;

	private final PersonalDataCipher cipher;

	private final AccessTrail trail;

	ClientIdentityController(Aggregates aggregates, PersonalDataCipher cipher, AccessTrail trail) {
		this.aggregates = aggregates;
		this.cipher = cipher;
		this.trail = trail;
	}

	@GetMapping("/api/v1/referrals/{id}/identity")
	@PreAuthorize("hasRole('COORDINATOR')")
	ClientIdentity identity(@PathVariable String id, @RequestParam(required = false) @Nullable String purpose) {
		Purpose why = purpose(purpose);
		Caller caller = Caller.current();
		// Another organization's referral reads exactly like an unknown id.
		Referral referral = this.aggregates.find(Referral.class, id)
			.filter((stored) -> caller.coordinates(stored.holdingOrganizationId()))
			.orElseThrow(() -> new NotFoundException("referral"));
		this.trail.record(caller, "READ_IDENTITY", id, why);
		Referral.PersonalData personal = referral.personalData(this.cipher);
		String email = Boolean.TRUE.equals(referral.request().consent().email()) ? personal.email() : null;
		String sms = Boolean.TRUE.equals(referral.request().consent().sms()) ? personal.mobilePhone() : null;
		// A text reaches a client soonest; intake asks for no other preference.
		String preferred = (sms != null) ? "SMS" : (email != null) ? "EMAIL" : null;
		return new ClientIdentity(id, personal.firstName(), personal.lastName(), referral.request().preferredLanguage(),
				preferred, new Channels(email, sms));
	}

	private static Purpose purpose(@Nullable String purpose) {
		return PURPOSES.stream()
			.filter((known) -> known.name().equals(purpose))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException(List.of(new FieldViolation("purpose", "invalid.purpose"))));
	}

	/**
	 * The client as the coordinator needs them to reach them.
	 *
	 * @param referralId the referral
	 * @param preferredLanguage the language to speak or write in (ISO 639-1)
	 * @param preferredContact SMS when the client consented to texts, else EMAIL when to
	 * emails, else null
	 * @param channels the consented channels with their values
	 */
	record ClientIdentity(String referralId, String firstName, String lastName, String preferredLanguage,
			@Nullable String preferredContact, Channels channels) {
	}

	/**
	 * The channels the client consented to, each with its value, null otherwise.
	 *
	 * @param email the email address
	 * @param sms the mobile number in E.164 form
	 */
	record Channels(@Nullable String email, @Nullable String sms) {
	}

}

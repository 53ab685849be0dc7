package ca.aiguillage.referral.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.referral.access.AccessRecord;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's request for access to what is held about them (Law 25), served by an
 * administrator: everything referral-service holds about the person of a referral,
 * decrypted, with who accessed it; the export itself is in the access trail.
 */
@RestController
class AccessExportController {

	private final Aggregates aggregates;

	private final PersonalDataCipher cipher;

	private final AccessTrail trail;

	private final Clock clock;

	AccessExportController(Aggregates aggregates, PersonalDataCipher cipher, AccessTrail trail, Clock clock) {
		this.aggregates = aggregates;
		this.cipher = cipher;
		this.trail = trail;
		this.clock = clock;
	}

	@GetMapping("/api/v1/admin/people/{referralId}/export")
	@PreAuthorize("hasRole('ADMIN')")
	PersonExport export(@PathVariable String referralId) {
		Referral referral = this.aggregates.find(Referral.class, referralId)
			.orElseThrow(() -> new NotFoundException("referral"));
		this.trail.record(Caller.current(), "EXPORT", referralId, Purpose.ACCESS_REQUEST);
		Referral.PersonalData personal = (referral.erasedAt() == null) ? referral.personalData(this.cipher) : null;
		return new PersonExport(referralId, this.clock.instant(), referral.status().name(), referral.receivedAt(),
				referral.partnerId(), personal, referral.request(), referral.steps(), referral.fee(),
				referral.erasedAt(), this.trail.of(referralId));
	}

	/**
	 * What referral-service holds about the person of a referral.
	 *
	 * @param referralId the referral
	 * @param exportedAt when this export was made
	 * @param status where the referral stands
	 * @param receivedAt when it was registered
	 * @param partnerId the referring partner, or null for a self-referral
	 * @param personalData the client's personal data, decrypted, or null once erased
	 * @param request what is kept in clear: codes and matching attributes
	 * @param timeline every step
	 * @param fee the fee per session, or null
	 * @param erasedAt when the personal data was erased, or null
	 * @param accessTrail every access to the referral, this export included
	 */
	record PersonExport(String referralId, Instant exportedAt, String status, Instant receivedAt,
			@Nullable String partnerId, Referral.@Nullable PersonalData personalData, Referral.Request request,
			List<Referral.Step> timeline, @Nullable SessionFee fee, @Nullable Instant erasedAt,
			List<AccessRecord> accessTrail) {
	}

}

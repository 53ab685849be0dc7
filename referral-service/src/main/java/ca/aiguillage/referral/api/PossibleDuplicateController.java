package ca.aiguillage.referral.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.intake.PersonClaims;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.referral.intake.ReferralReceipt;
import ca.aiguillage.referral.intake.ReferralStatus;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A referral flagged as a possible duplicate, for the coordinator of the organization
 * holding it: both people side by side (name, birth date, postal code, and the phone and
 * email of each referral the coordinator's organization holds), then linked or separated
 * (an event either way).
 */
@RestController
@RequestMapping("/api/v1/referrals/{id}/possible-duplicates")
@PreAuthorize("hasRole('COORDINATOR')")
class PossibleDuplicateController {

	private final Aggregates aggregates;

	private final PersonalDataCipher cipher;

	private final AccessTrail trail;

	private final PersonClaims claims;

	private final Clock clock;

	PossibleDuplicateController(Aggregates aggregates, PersonalDataCipher cipher, AccessTrail trail,
			PersonClaims claims, Clock clock) {
		this.aggregates = aggregates;
		this.cipher = cipher;
		this.trail = trail;
		this.claims = claims;
		this.clock = clock;
	}

	@GetMapping
	PossibleDuplicates compare(@PathVariable String id) {
		Caller caller = Caller.current();
		Referral referral = held(id, caller);
		Referral.PossibleDuplicate flagged = referral.possibleDuplicate();
		Referral other = (flagged != null) ? this.aggregates.find(Referral.class, flagged.referralId()).orElse(null)
				: null;
		if (flagged == null || other == null) {
			// Nothing to compare: no name is read.
			return new PossibleDuplicates(id, null, List.of());
		}
		// Both people's identity is read, as the contact lookup records it.
		this.trail.record(caller, "READ_IDENTITY", id, Purpose.DUPLICATE_REVIEW);
		this.trail.record(caller, "READ_IDENTITY", other.getId(), Purpose.DUPLICATE_REVIEW);
		// Contact details only for the organization holding each referral.
		boolean otherHeld = caller.coordinates(other.holdingOrganizationId());
		return new PossibleDuplicates(id, Person.of(referral, this.cipher, true),
				List.of(new Candidate(Person.of(other, this.cipher, otherHeld), flagged.matchedOn())));
	}

	@PostMapping("/{otherId}/link")
	ReferralReceipt link(@PathVariable String id, @PathVariable String otherId) {
		ReferralReceipt receipt = resolve(id, (referral, organizationId) -> referral.linkToPossibleDuplicate(otherId,
				organizationId, this.clock.instant()));
		// Linked, it no longer holds the person: the other referral does.
		this.claims.release(id);
		return receipt;
	}

	@PostMapping("/{otherId}/separate")
	ReferralReceipt separate(@PathVariable String id, @PathVariable String otherId) {
		return resolve(id, (referral, organizationId) -> referral.separateFromPossibleDuplicate(otherId, organizationId,
				this.clock.instant()));
	}

	private ReferralReceipt resolve(String id, BiConsumer<Referral, String> decision) {
		Caller caller = Caller.current();
		Referral resolved = this.aggregates.update(Referral.class, id, found -> {
			Referral referral = found.filter((stored) -> caller.coordinates(stored.holdingOrganizationId()))
				.orElseThrow(() -> new NotFoundException("referral"));
			decision.accept(referral, String.valueOf(caller.organizationId()));
			return Outcome.save(referral, referral);
		});
		return ReferralReceipt.full(resolved);
	}

	private Referral held(String id, Caller caller) {
		// Another organization's referral reads exactly like an unknown id.
		return this.aggregates.find(Referral.class, id)
			.filter((referral) -> caller.coordinates(referral.holdingOrganizationId()))
			.orElseThrow(() -> new NotFoundException("referral"));
	}

	/**
	 * A flagged referral beside the one it may duplicate.
	 *
	 * @param referralId the flagged referral
	 * @param person its client, or null when it is not flagged
	 * @param candidates the referral it may duplicate, or none
	 */
	record PossibleDuplicates(String referralId, @Nullable Person person, List<Candidate> candidates) {
	}

	/**
	 * The other referral and what matched.
	 *
	 * @param person its client
	 * @param matchedOn which keyed hashes matched: NAME_AND_DATE_OF_BIRTH, NAME,
	 * DATE_OF_BIRTH, PHONE, EMAIL
	 */
	record Candidate(Person person, List<String> matchedOn) {
	}

	/**
	 * Who a referral is about, enough to tell two people apart.
	 *
	 * @param email the email address given at intake, null when none or withheld
	 * @param mobilePhone the mobile number in E.164 form, null when none or withheld
	 * @param contactWithheld true when another organization holds this referral: its
	 * phone and email are theirs to see
	 */
	record Person(String referralId, ReferralStatus status, Instant receivedAt, String firstName, String lastName,
			LocalDate dateOfBirth, String postalCode, @Nullable String email, @Nullable String mobilePhone,
			boolean contactWithheld) {

		static Person of(Referral referral, PersonalDataCipher cipher, boolean withContact) {
			Referral.PersonalData personal = referral.personalData(cipher);
			return new Person(referral.getId(), referral.status(), referral.receivedAt(), personal.firstName(),
					personal.lastName(), personal.dateOfBirth(), personal.postalCode(),
					withContact ? personal.email() : null, withContact ? personal.mobilePhone() : null, !withContact);
		}

	}

}

package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import org.jspecify.annotations.Nullable;

/**
 * What a referral asks of a therapist: the matching attributes of the submitted referral,
 * and nothing about the client as a person.
 *
 * @param referralId the referral id
 * @param organizationId the member organization the referral was sent to, or null for any
 * @param partnerId the referring partner, or null for a self-referral
 * @param languages ISO 639-1 codes of the languages the client accepts for therapy
 * @param clientele who comes to therapy
 * @param approaches wanted approaches, possibly empty
 * @param approachRequired whether one of the approaches is clinically required
 * @param modality in person, video or either
 * @param availability the client's weekly availability
 * @param priority the referrer's priority, or null
 * @param postalPrefix the client's postal area (FSA)
 * @param lowFee whether the client's fee needs a low-fee place
 * @param maxTravelKm how far the client can travel to in-person sessions, or null
 * @param registeredAt the start of the wait (kept when the referral is matched again)
 * @param declinedTherapists therapists this client declined, never proposed again
 * @param availableConfirmedAt when the client last answered a check-in that they still
 * need the service, or null
 * @param fee the fee per session from the referral's own organization's scale, or null; a
 * place of the network's video pool keeps it
 */
public record ReferralNeeds(String referralId, @Nullable String organizationId, @Nullable String partnerId,
		List<String> languages, Clientele clientele, List<Approach> approaches, boolean approachRequired,
		Modality modality, List<WeeklySlot> availability, @Nullable Priority priority, String postalPrefix,
		boolean lowFee, @Nullable Integer maxTravelKm, Instant registeredAt, Set<String> declinedTherapists,
		@Nullable Instant availableConfirmedAt, @Nullable SessionFee fee) {

	/** Needs without a fee amount known to matching. */
	public ReferralNeeds(String referralId, @Nullable String organizationId, @Nullable String partnerId,
			List<String> languages, Clientele clientele, List<Approach> approaches, boolean approachRequired,
			Modality modality, List<WeeklySlot> availability, @Nullable Priority priority, String postalPrefix,
			boolean lowFee, @Nullable Integer maxTravelKm, Instant registeredAt, Set<String> declinedTherapists,
			@Nullable Instant availableConfirmedAt) {
		this(referralId, organizationId, partnerId, languages, clientele, approaches, approachRequired, modality,
				availability, priority, postalPrefix, lowFee, maxTravelKm, registeredAt, declinedTherapists,
				availableConfirmedAt, null);
	}

	/** Needs of a client who has not answered a check-in yet. */
	public ReferralNeeds(String referralId, @Nullable String organizationId, @Nullable String partnerId,
			List<String> languages, Clientele clientele, List<Approach> approaches, boolean approachRequired,
			Modality modality, List<WeeklySlot> availability, @Nullable Priority priority, String postalPrefix,
			boolean lowFee, @Nullable Integer maxTravelKm, Instant registeredAt, Set<String> declinedTherapists) {
		this(referralId, organizationId, partnerId, languages, clientele, approaches, approachRequired, modality,
				availability, priority, postalPrefix, lowFee, maxTravelKm, registeredAt, declinedTherapists, null);
	}

	/**
	 * The same needs at another priority, after a coordinator re-prioritised the
	 * referral.
	 */
	public ReferralNeeds withPriority(Priority newPriority) {
		return new ReferralNeeds(this.referralId, this.organizationId, this.partnerId, this.languages, this.clientele,
				this.approaches, this.approachRequired, this.modality, this.availability, newPriority,
				this.postalPrefix, this.lowFee, this.maxTravelKm, this.registeredAt, this.declinedTherapists,
				this.availableConfirmedAt, this.fee);
	}

	/**
	 * The same needs, served only by this organization's therapists, after its
	 * coordinator took the referral from the network queue.
	 */
	public ReferralNeeds heldBy(String organization) {
		return new ReferralNeeds(this.referralId, organization, this.partnerId, this.languages, this.clientele,
				this.approaches, this.approachRequired, this.modality, this.availability, this.priority,
				this.postalPrefix, this.lowFee, this.maxTravelKm, this.registeredAt, this.declinedTherapists,
				this.availableConfirmedAt, this.fee);
	}

	/**
	 * The same needs, aging from another registration date (a re-match keeps the first).
	 */
	public ReferralNeeds registeredSince(Instant registered) {
		return new ReferralNeeds(this.referralId, this.organizationId, this.partnerId, this.languages, this.clientele,
				this.approaches, this.approachRequired, this.modality, this.availability, this.priority,
				this.postalPrefix, this.lowFee, this.maxTravelKm, registered, this.declinedTherapists,
				this.availableConfirmedAt, this.fee);
	}

	public static ReferralNeeds of(ReferralSubmittedV1 referral) {
		return new ReferralNeeds(referral.referralId(), referral.organizationId(), referral.partnerId(),
				referral.languages(), referral.clientele(), referral.approaches(), referral.approachRequired(),
				referral.modality(), referral.availability(), referral.priority(), referral.postalPrefix(),
				referral.fee() != null && referral.fee().lowFee(), referral.maxTravelKm(), referral.submittedAt(),
				Set.of(), null, referral.fee());
	}

	/** The same needs, with one more therapist the client declined. */
	public ReferralNeeds declining(String therapistId) {
		Set<String> declined = new java.util.HashSet<>(this.declinedTherapists);
		declined.add(therapistId);
		return new ReferralNeeds(this.referralId, this.organizationId, this.partnerId, this.languages, this.clientele,
				this.approaches, this.approachRequired, this.modality, this.availability, this.priority,
				this.postalPrefix, this.lowFee, this.maxTravelKm, this.registeredAt, Set.copyOf(declined),
				this.availableConfirmedAt, this.fee);
	}

	/**
	 * The same needs, with the client's answer that they still need the service; an older
	 * answer arriving late changes nothing.
	 */
	public ReferralNeeds availableConfirmed(Instant at) {
		if (this.availableConfirmedAt != null && !at.isAfter(this.availableConfirmedAt)) {
			return this;
		}
		return new ReferralNeeds(this.referralId, this.organizationId, this.partnerId, this.languages, this.clientele,
				this.approaches, this.approachRequired, this.modality, this.availability, this.priority,
				this.postalPrefix, this.lowFee, this.maxTravelKm, this.registeredAt, this.declinedTherapists, at,
				this.fee);
	}

}

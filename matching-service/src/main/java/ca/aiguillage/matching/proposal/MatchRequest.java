package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A referral in matching's pool, keyed by the referral id: its matching attributes, and
 * whether it waits, holds a place (first claimed by one matcher, then reserved in the
 * therapist's document, so that a referral never holds two places), or is done. It also
 * records why it was not matched, and what the waitlist decided before the referral
 * itself arrived (a closed or re-prioritised referral that overtook its submission).
 */
@Document("match_requests")
class MatchRequest extends Aggregate {

	private @Nullable ReferralNeeds needs;

	private Status status = Status.WAITING;

	private @Nullable String therapistId;

	private @Nullable String proposalId;

	private @Nullable Instant claimedAt;

	/** When the claimed place was reserved: null while the claim is not finished. */
	private @Nullable Instant reservedAt;

	private @Nullable ReleaseReason closeCause;

	/** A priority decided before the referral's submission arrived. */
	private @Nullable Priority parkedPriority;

	private @Nullable String parkedOrganization;

	/** A check-in answer that came before the referral's submission. */
	private @Nullable Instant parkedAvailableConfirmedAt;

	private List<String> reasons = new ArrayList<>();

	private int candidatesExamined;

	private @Nullable Instant examinedAt;

	@PersistenceCreator
	MatchRequest(String id) {
		super(id);
	}

	static MatchRequest open(ReferralNeeds needs) {
		MatchRequest request = new MatchRequest(needs.referralId());
		request.submitted(needs);
		return request;
	}

	/**
	 * A referral the waitlist decided on before its submission reached matching: what was
	 * decided is kept here and applied when the submission arrives.
	 */
	static MatchRequest parked(String referralId) {
		return new MatchRequest(referralId);
	}

	/**
	 * The submission arrived: its attributes, with what was decided before; a referral
	 * closed meanwhile stays closed.
	 */
	void submitted(ReferralNeeds submitted) {
		if (this.needs != null) {
			return;
		}
		ReferralNeeds needs = (this.parkedPriority != null) ? submitted.withPriority(this.parkedPriority) : submitted;
		needs = (this.parkedOrganization != null) ? needs.heldBy(this.parkedOrganization) : needs;
		this.needs = (this.parkedAvailableConfirmedAt != null)
				? needs.availableConfirmed(this.parkedAvailableConfirmedAt) : needs;
	}

	/** Announces that a coordinator's choice for this referral was refused. */
	void overrideRefused(OverrideRefusedV1 refusal) {
		raise(refusal);
	}

	ReferralNeeds needs() {
		return Objects.requireNonNull(this.needs, "referral not submitted yet");
	}

	Status status() {
		return this.status;
	}

	@Nullable String therapistId() {
		return this.therapistId;
	}

	@Nullable String proposalId() {
		return this.proposalId;
	}

	@Nullable Instant claimedAt() {
		return this.claimedAt;
	}

	@Nullable ReleaseReason closeCause() {
		return this.closeCause;
	}

	boolean waiting() {
		// A request stored before the pool existed has no registration date to age from.
		return this.status == Status.WAITING && this.needs != null && this.needs.registeredAt() != null;
	}

	boolean neverExamined() {
		return this.examinedAt == null;
	}

	/**
	 * Records that no one fits now; the first time, announces it so that the referral is
	 * waitlisted.
	 */
	void unmatched(ProposalPolicy.NoMatch outcome, Instant now) {
		boolean first = neverExamined();
		this.reasons = List.copyOf(outcome.reasons());
		this.candidatesExamined = outcome.candidatesExamined();
		this.examinedAt = now;
		if (first) {
			raise(new NoMatchFoundV1(getId(), this.reasons, this.candidatesExamined, now));
		}
	}

	/** Claims the referral for one therapist's place, before the place is reserved. */
	void claim(String therapistId, String proposalId, Instant now) {
		if (!waiting()) {
			throw new IllegalStateException("Referral " + getId() + " is not waiting");
		}
		this.status = Status.HELD;
		this.therapistId = therapistId;
		this.proposalId = proposalId;
		this.claimedAt = now;
		this.reservedAt = null;
	}

	/** Whether this claim still stands and its place is not reserved yet. */
	boolean claimedFor(String proposalId) {
		return this.status == Status.HELD && proposalId.equals(this.proposalId) && this.reservedAt == null;
	}

	/** Whether the referral holds, or is about to hold, its place under this proposal. */
	boolean holdsUnder(String proposalId) {
		return this.status == Status.HELD && proposalId.equals(this.proposalId);
	}

	/**
	 * A claim made before {@code before} whose place was never reserved: its matcher
	 * crashed or lost its way. A proposal waiting for the client's answer is not one.
	 */
	boolean abandonedClaim(Instant before) {
		Instant claimed = unreservedClaimAt();
		return claimed != null && claimed.isBefore(before);
	}

	/**
	 * When the claim whose place is not reserved yet was made; null when there is none.
	 */
	@Nullable Instant unreservedClaimAt() {
		return (this.status == Status.HELD && this.reservedAt == null) ? this.claimedAt : null;
	}

	/** The claimed place is reserved: the proposal now waits for an answer. */
	void reserved(Instant now) {
		this.reservedAt = now;
	}

	/** The claimed place could not be reserved: the referral waits again. */
	void unclaim(String proposalId) {
		if (claimedFor(proposalId)) {
			this.status = Status.WAITING;
			this.therapistId = null;
			this.proposalId = null;
			this.claimedAt = null;
		}
	}

	/**
	 * The place was given back (declined, expired, re-match): the referral waits again,
	 * and a therapist the client turned down is not proposed again.
	 */
	void releasedBack(String therapistId, boolean excludeTherapist, @Nullable Instant registeredAt) {
		ReferralNeeds current = needs();
		if (excludeTherapist) {
			current = current.declining(therapistId);
		}
		if (registeredAt != null) {
			current = current.registeredSince(registeredAt);
		}
		this.needs = current;
		if (this.status != Status.CLOSED && therapistId.equals(this.therapistId)) {
			this.status = Status.WAITING;
			this.therapistId = null;
			this.proposalId = null;
			this.claimedAt = null;
			this.reservedAt = null;
		}
	}

	/** Whether a coordinator may still move this referral's place. */
	boolean movable() {
		return this.needs != null && this.status != Status.CLOSED;
	}

	/** A coordinator chose this therapist instead, whose place is already reserved. */
	void overriddenTo(String therapistId, String proposalId, Instant now) {
		if (!movable()) {
			throw new IllegalStateException("Referral " + getId() + " is " + this.status);
		}
		this.status = Status.HELD;
		this.therapistId = therapistId;
		this.proposalId = proposalId;
		this.claimedAt = now;
		this.reservedAt = now;
	}

	/**
	 * A coordinator re-prioritised the referral: the score sees it from now on, or from
	 * its submission when it has not arrived yet.
	 */
	void reprioritised(Priority priority) {
		if (this.needs == null) {
			this.parkedPriority = priority;
			return;
		}
		this.needs = this.needs.withPriority(priority);
	}

	/**
	 * An organization's coordinator took the referral from the network queue: only its
	 * therapists are proposed from now on, or from its submission when it has not arrived
	 * yet.
	 */
	void takenBy(String organization) {
		if (this.needs == null) {
			this.parkedOrganization = organization;
			return;
		}
		this.needs = this.needs.heldBy(organization);
	}

	/**
	 * The client answered a check-in that they still need the service: offers prefer them
	 * from now on, or from the submission when it has not arrived yet.
	 */
	void availableConfirmed(Instant at) {
		if (this.needs == null) {
			if (this.parkedAvailableConfirmedAt == null || at.isAfter(this.parkedAvailableConfirmedAt)) {
				this.parkedAvailableConfirmedAt = at;
			}
			return;
		}
		this.needs = this.needs.availableConfirmed(at);
	}

	void confirmed() {
		if (this.status == Status.HELD) {
			this.status = Status.CONFIRMED;
		}
	}

	/**
	 * The referral needs no place any more (therapy ended, withdrawn, left the queue),
	 * even if its submission has not arrived yet.
	 */
	void close(ReleaseReason cause) {
		if (this.status == Status.CLOSED) {
			return;
		}
		this.status = Status.CLOSED;
		this.closeCause = cause;
	}

	/** Where a referral stands in matching. */
	enum Status {

		/** Waiting for a place. */
		WAITING,
		/**
		 * Holds (or, while claimed, is about to hold) one therapist's place, proposed.
		 */
		HELD,
		/** The client accepted the proposal. */
		CONFIRMED,
		/** No place needed any more. */
		CLOSED

	}

}

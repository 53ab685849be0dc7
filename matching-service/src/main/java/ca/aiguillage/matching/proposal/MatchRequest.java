package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A referral in matching's pool, keyed by the referral id: its matching attributes, and
 * whether it waits, holds a place (claimed by one matcher before the therapist's place is
 * reserved, so that a referral never holds two places), or is done. It also records why
 * it was not matched.
 */
@Document("match_requests")
class MatchRequest extends Aggregate {

	private ReferralNeeds needs;

	private Status status = Status.WAITING;

	private @Nullable String therapistId;

	private @Nullable String proposalId;

	private @Nullable Instant claimedAt;

	private List<String> reasons = new ArrayList<>();

	private int candidatesExamined;

	private @Nullable Instant examinedAt;

	@PersistenceCreator
	MatchRequest(String id) {
		super(id);
	}

	static MatchRequest open(ReferralNeeds needs) {
		MatchRequest request = new MatchRequest(needs.referralId());
		request.needs = needs;
		return request;
	}

	ReferralNeeds needs() {
		return this.needs;
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
		if (this.status != Status.WAITING) {
			throw new IllegalStateException("Referral " + getId() + " is not waiting");
		}
		this.status = Status.HELD;
		this.therapistId = therapistId;
		this.proposalId = proposalId;
		this.claimedAt = now;
	}

	/** The claimed place could not be reserved: the referral waits again. */
	void unclaim() {
		if (this.status == Status.HELD) {
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
		if (excludeTherapist) {
			this.needs = this.needs.declining(therapistId);
		}
		if (registeredAt != null) {
			this.needs = new ReferralNeeds(this.needs.referralId(), this.needs.organizationId(), this.needs.partnerId(),
					this.needs.languages(), this.needs.clientele(), this.needs.approaches(),
					this.needs.approachRequired(), this.needs.modality(), this.needs.availability(),
					this.needs.priority(), this.needs.postalPrefix(), this.needs.lowFee(), this.needs.maxTravelKm(),
					registeredAt, this.needs.declinedTherapists());
		}
		if (this.status != Status.CLOSED && therapistId.equals(this.therapistId)) {
			this.status = Status.WAITING;
			this.therapistId = null;
			this.proposalId = null;
			this.claimedAt = null;
		}
	}

	/** A coordinator chose this therapist instead. */
	void overriddenTo(String therapistId, String proposalId, Instant now) {
		this.status = Status.HELD;
		this.therapistId = therapistId;
		this.proposalId = proposalId;
		this.claimedAt = now;
	}

	/** A coordinator re-prioritised the referral: the score sees it from now on. */
	void reprioritised(Priority priority) {
		this.needs = this.needs.withPriority(priority);
	}

	void confirmed() {
		if (this.status == Status.HELD) {
			this.status = Status.CONFIRMED;
		}
	}

	/**
	 * The referral needs no place any more (therapy ended, withdrawn, left the queue).
	 */
	void close() {
		this.status = Status.CLOSED;
	}

	/** Where a referral stands in matching. */
	enum Status {

		/** Waiting for a place. */
		WAITING,
		/** Holds (or is about to hold) one therapist's place, proposed. */
		HELD,
		/** The client accepted the proposal. */
		CONFIRMED,
		/** No place needed any more. */
		CLOSED

	}

}

package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.platform.outbox.Aggregate;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A referral no therapist fits yet, keyed by the referral id. It keeps the referral's
 * matching attributes so that it can be matched again when a place frees up, and why it
 * was not matched.
 */
@Document("match_requests")
class MatchRequest extends Aggregate {

	private ReferralNeeds needs;

	private Instant submittedAt;

	private List<String> reasons = new ArrayList<>();

	private int candidatesExamined;

	private Instant examinedAt;

	@PersistenceCreator
	MatchRequest(String id) {
		super(id);
	}

	static MatchRequest open(String referralId, ReferralNeeds needs, Instant submittedAt) {
		MatchRequest request = new MatchRequest(referralId);
		request.needs = needs;
		request.submittedAt = submittedAt;
		return request;
	}

	/**
	 * Records that no one fits now, and announces it so that the referral is waitlisted.
	 */
	void unmatched(ProposalPolicy.NoMatch outcome, Instant now) {
		this.reasons = List.copyOf(outcome.reasons());
		this.candidatesExamined = outcome.candidatesExamined();
		this.examinedAt = now;
		raise(new NoMatchFoundV1(getId(), this.reasons, this.candidatesExamined, now));
	}

}

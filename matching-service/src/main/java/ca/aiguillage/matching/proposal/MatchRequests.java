package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Matching's pool of referrals. Changes go through {@code Aggregates}. */
@Repository
class MatchRequests {

	private final MongoOperations mongo;

	MatchRequests(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Optional<MatchRequest> find(String referralId) {
		return Optional.ofNullable(this.mongo.findById(referralId, MatchRequest.class));
	}

	/** The referrals waiting for a place, longest waiting first. */
	List<MatchRequest> waiting() {
		// Requests stored before the pool existed lack the registration date: they are
		// not
		// re-examined.
		return this.mongo.find(new Query(
				Criteria.where("status").is(MatchRequest.Status.WAITING.name()).and("needs.registeredAt").exists(true))
			.with(Sort.by("needs.registeredAt", "id")), MatchRequest.class);
	}

	/**
	 * Claims made before this whose place was never reserved: a crash may have left them
	 * behind. Proposals waiting for an answer are not among them.
	 */
	List<MatchRequest> claimedBefore(Instant before) {
		return this.mongo
			.find(new Query(Criteria.where("status")
				.is(MatchRequest.Status.HELD.name())
				.and("claimedAt")
				.lt(before)
				.and("reservedAt")
				.is(null)), MatchRequest.class)
			.stream()
			.filter(request -> request.abandonedClaim(before))
			.toList();
	}

}

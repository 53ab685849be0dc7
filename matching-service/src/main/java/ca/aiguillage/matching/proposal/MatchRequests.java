package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.work.DueTimes;
import ca.aiguillage.platform.work.WorkSettings;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Matching's pool of referrals. Changes go through {@code Aggregates}. The referrals
 * waiting for a place are kept in memory, longest waiting first, by every save of this
 * instance: a freed place looks through them without a query (the embedded store would
 * read every referral ever matched), and a slow safety-net scan adds what other instances
 * saved. A copy may be stale: a claim decides on the stored request. The claims whose
 * place is not reserved yet are kept the same way, so that the recovery's rounds read
 * only the claims old enough to have been left behind, by {@code _id}.
 */
@Repository
class MatchRequests {

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final DueTimes waitingSince;

	private final DueTimes unreservedClaims;

	private final Map<String, Copy> waiting = new ConcurrentHashMap<>();

	/** A waiting request as this instance last saw it, and when (System.nanoTime). */
	private record Copy(MatchRequest request, long seenAt) {
	}

	MatchRequests(MongoOperations mongo, Aggregates aggregates, WorkSettings work) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.waitingSince = new DueTimes(this::scanWaiting, work.scanInterval());
		this.unreservedClaims = new DueTimes(this::scanUnreservedClaims, work.scanInterval());
		aggregates.afterSave(MatchRequest.class, this::follow);
	}

	Optional<MatchRequest> find(String referralId) {
		return Optional.ofNullable(this.mongo.findById(referralId, MatchRequest.class));
	}

	/** The referrals waiting for a place, longest waiting first. */
	List<MatchRequest> waiting() {
		return this.waitingSince.due(Instant.MAX, Integer.MAX_VALUE)
			.stream()
			.map(this.waiting::get)
			.filter(Objects::nonNull)
			.map(Copy::request)
			.toList();
	}

	private void follow(MatchRequest saved) {
		this.unreservedClaims.schedule(saved.getId(), saved.unreservedClaimAt());
		if (saved.waiting()) {
			this.waiting.put(saved.getId(), new Copy(saved, System.nanoTime()));
			this.waitingSince.schedule(saved.getId(), saved.needs().registeredAt());
		}
		else {
			this.waitingSince.schedule(saved.getId(), null);
			this.waiting.remove(saved.getId());
		}
	}

	/**
	 * Every waiting request, at start and by the safety-net scan. Requests stored before
	 * the pool existed lack the registration date: they are not re-examined.
	 */
	private Map<String, Instant> scanWaiting() {
		long started = System.nanoTime();
		Map<String, Instant> found = new HashMap<>();
		this.mongo.find(new Query(
				Criteria.where("status").is(MatchRequest.Status.WAITING.name()).and("needs.registeredAt").exists(true)),
				MatchRequest.class)
			.forEach(request -> {
				found.put(request.getId(), request.needs().registeredAt());
				// What this instance saved meanwhile is newer than what the scan read.
				this.waiting.putIfAbsent(request.getId(), new Copy(request, started));
			});
		// Seen before the scan and no longer waiting: another instance placed or closed
		// it.
		this.waiting.forEach((id, copy) -> {
			if (!found.containsKey(id) && copy.seenAt() - started < 0) {
				this.waiting.remove(id, copy);
				this.waitingSince.schedule(id, null);
			}
		});
		return found;
	}

	/**
	 * Claims made before this whose place was never reserved: a crash may have left them
	 * behind. Proposals waiting for an answer are not among them.
	 */
	List<MatchRequest> claimedBefore(Instant before) {
		List<MatchRequest> abandoned = new ArrayList<>();
		for (String id : this.unreservedClaims.due(before, Integer.MAX_VALUE)) {
			// Another instance may have reserved or given it back: what is stored
			// decides, read in order with this instance's saves of it.
			MatchRequest stored = this.aggregates.announceStored(MatchRequest.class, id).orElse(null);
			if (stored == null) {
				this.unreservedClaims.schedule(id, null);
			}
			if (stored != null && stored.abandonedClaim(before)) {
				abandoned.add(stored);
			}
		}
		return abandoned;
	}

	/** Every claim whose place is not reserved, at start and by the safety-net scan. */
	private Map<String, Instant> scanUnreservedClaims() {
		Map<String, Instant> found = new HashMap<>();
		this.mongo
			.find(new Query(Criteria.where("status")
				.is(MatchRequest.Status.HELD.name())
				.and("claimedAt")
				.exists(true)
				.and("reservedAt")
				.is(null)), MatchRequest.class)
			.forEach(request -> {
				Instant claimed = request.unreservedClaimAt();
				if (claimed != null) {
					found.put(request.getId(), claimed);
				}
			});
		return found;
	}

}

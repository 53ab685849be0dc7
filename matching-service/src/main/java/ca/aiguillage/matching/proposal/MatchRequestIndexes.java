package ca.aiguillage.matching.proposal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The indexes the pool's safety-net scans (at start, then every few minutes) need on a
 * real MongoDB: only the referrals waiting for a place, and only the held claims, are in
 * them, however many referrals were ever matched. Created at start on either store.
 */
@Component
class MatchRequestIndexes implements SmartInitializingSingleton {

	private final MongoOperations mongo;

	MatchRequestIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(MatchRequest.class)
			.createIndex(new Index().on("needs.registeredAt", Sort.Direction.ASC)
				.named("match_requests_waiting")
				.partial(PartialIndexFilter.of(Criteria.where("status").is(MatchRequest.Status.WAITING.name()))));
		this.mongo.indexOps(MatchRequest.class)
			.createIndex(new Index().on("claimedAt", Sort.Direction.ASC)
				.named("match_requests_held")
				.partial(PartialIndexFilter.of(Criteria.where("status").is(MatchRequest.Status.HELD.name()))));
	}

}

package ca.aiguillage.referral.access;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes the access trail's two readings need on a real MongoDB, the trail growing
 * with every access for as long as records are kept: one referral's accesses for a
 * client's access request, and the accesses of a period for the privacy officer's export.
 * Created at start on either store.
 */
@Component
class AccessTrailIndexes implements SmartInitializingSingleton {

	private final MongoOperations mongo;

	AccessTrailIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations trail = this.mongo.indexOps(AccessRecord.class);
		trail.createIndex(new Index().on("referralId", Sort.Direction.ASC)
			.on("at", Sort.Direction.ASC)
			.named("access_trail_referral"));
		trail.createIndex(new Index().on("at", Sort.Direction.ASC).named("access_trail_at"));
	}

}

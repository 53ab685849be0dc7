package ca.aiguillage.matching.directory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The index a real MongoDB needs to find the therapist holding a referral's place (a
 * referral withdrawn, closed or declined gives it back) without reading the directory
 * whole. Created at start on either store.
 */
@Component
class TherapistIndexes implements SmartInitializingSingleton {

	private final MongoOperations mongo;

	TherapistIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(Therapist.class)
			.createIndex(
					new Index().on("reservations.referralId", Sort.Direction.ASC).named("therapists_by_reservation"));
	}

}

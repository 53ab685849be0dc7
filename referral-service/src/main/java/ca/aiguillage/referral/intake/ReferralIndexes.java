package ca.aiguillage.referral.intake;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes intake's queries need: duplicates are found by keyed hash, and referrers
 * list their referrals newest first. Created at start on either store.
 */
@Component
class ReferralIndexes implements SmartInitializingSingleton {

	private final MongoOperations mongo;

	ReferralIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations indexes = this.mongo.indexOps(Referral.class);
		indexes.createIndex(new Index("nameAndBirthIndex", Sort.Direction.ASC));
		indexes.createIndex(new Index("emailIndex", Sort.Direction.ASC).sparse());
		indexes.createIndex(new Index("phoneIndex", Sort.Direction.ASC).sparse());
		indexes.createIndex(new Index().on("partnerId", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
		indexes.createIndex(new Index().on("request.targetOrganizationId", Sort.Direction.ASC)
			.on("receivedAt", Sort.Direction.DESC));
		// An administrator's list: every referral, or those in one state, newest first.
		indexes.createIndex(new Index().on("receivedAt", Sort.Direction.DESC));
		indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
	}

}

package ca.aiguillage.waitlist.queue;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The index a referral's page needs on a real MongoDB to list the referrals linked to it
 * as duplicates: only linked entries are in it. Created at start on either store.
 */
@Component
class DuplicateIndexes implements SmartInitializingSingleton {

	/** The index's name. */
	static final String NAME = "queue_duplicate_of";

	/** The field that names the referral a duplicate was linked to. */
	static final String DUPLICATE_OF = "duplicateOf";

	private final MongoOperations mongo;

	DuplicateIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(QueueEntry.class)
			.createIndex(new Index().on(DUPLICATE_OF, Sort.Direction.ASC)
				.named(NAME)
				.partial(PartialIndexFilter.of(Criteria.where(DUPLICATE_OF).exists(true))));
	}

}

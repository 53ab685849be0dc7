package ca.aiguillage.notification.delivery;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.stereotype.Component;

/**
 * The indexes the due lists' scans (at start, then every few minutes) need: cases by the
 * state of what they have to send, only those with something left to send (a partial
 * index, which the embedded store also keeps: the scan at start reads them alone, not
 * every case ever notified), and digests by their state. Created at start on either
 * store.
 */
@Component
class DeliveryIndexes implements SmartInitializingSingleton {

	static final String UNFINISHED_CASES = "notification_cases_unfinished";

	// Every case, declared before 2026-12-06: dropped where an earlier version left it.
	private static final String EVERY_CASE = "notification_cases_delivery_status";

	private final MongoOperations mongo;

	DeliveryIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations cases = this.mongo.indexOps(NotificationCase.class);
		cases.createIndex(new Index().on(DueDeliveries.DELIVERY_STATUS, Sort.Direction.ASC)
			.named(UNFINISHED_CASES)
			.partial(PartialIndexFilter.of(DueDeliveries.unfinishedCases())));
		if (cases.getIndexInfo().stream().anyMatch((index) -> EVERY_CASE.equals(index.getName()))) {
			cases.dropIndex(EVERY_CASE);
		}
		this.mongo.indexOps(CoordinatorDigest.class)
			.createIndex(new Index().on(DueDeliveries.DIGEST_STATUS, Sort.Direction.ASC)
				.named("coordinator_digests_status"));
	}

}

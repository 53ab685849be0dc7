package ca.aiguillage.notification.delivery;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The indexes the due lists' scans (at start, then every few minutes) need on a real
 * MongoDB: cases and digests by the state of what they have to send. Created at start on
 * either store.
 */
@Component
class DeliveryIndexes implements SmartInitializingSingleton {

	private final MongoOperations mongo;

	DeliveryIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(NotificationCase.class)
			.createIndex(new Index().on(DueDeliveries.DELIVERY_STATUS, Sort.Direction.ASC)
				.named("notification_cases_delivery_status"));
		this.mongo.indexOps(CoordinatorDigest.class)
			.createIndex(new Index().on(DueDeliveries.DIGEST_STATUS, Sort.Direction.ASC)
				.named("coordinator_digests_status"));
	}

}

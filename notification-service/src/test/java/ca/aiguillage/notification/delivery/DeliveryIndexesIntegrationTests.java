package ca.aiguillage.notification.delivery;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryIndexesIntegrationTests extends RunningNotificationService {

	@Autowired
	MongoOperations mongo;

	@Test
	void casesAndDigestsAreIndexedByTheStateOfWhatTheyHaveToSend() {
		assertThat(this.mongo.indexOps(NotificationCase.class).getIndexInfo())
			.filteredOn(index -> index.getName().equals("notification_cases_delivery_status"))
			.singleElement()
			.extracting(IndexInfo::getIndexFields)
			.satisfies(
					fields -> assertThat(fields).extracting(IndexField::getKey).containsExactly("deliveries.status"));
		assertThat(this.mongo.indexOps(CoordinatorDigest.class).getIndexInfo())
			.filteredOn(index -> index.getName().equals("coordinator_digests_status"))
			.singleElement()
			.extracting(IndexInfo::getIndexFields)
			.satisfies(fields -> assertThat(fields).extracting(IndexField::getKey).containsExactly("status"));
	}

}

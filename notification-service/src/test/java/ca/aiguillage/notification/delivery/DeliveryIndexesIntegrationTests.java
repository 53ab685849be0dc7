package ca.aiguillage.notification.delivery;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryIndexesIntegrationTests extends RunningNotificationService {

	@Autowired
	MongoOperations mongo;

	@Autowired
	DeliveryIndexes indexes;

	@Test
	void onlyCasesWithSomethingLeftToSendAreIndexedSoThatTheScanAtStartReadsThemAlone() {
		assertThat(this.mongo.indexOps(NotificationCase.class).getIndexInfo())
			.filteredOn(index -> index.getName().equals("notification_cases_unfinished"))
			.singleElement()
			.satisfies((index) -> {
				assertThat(index.getIndexFields()).extracting(IndexField::getKey).containsExactly("deliveries.status");
				// The scan's own condition, as it is: both stores use the index for it.
				assertThat(Document.parse(index.getPartialFilterExpression())).isEqualTo(new Document(
						"deliveries.status", new Document("$in", java.util.List.of("PENDING", "SENDING"))));
			});
		assertThat(this.mongo.indexOps(CoordinatorDigest.class).getIndexInfo())
			.filteredOn(index -> index.getName().equals("coordinator_digests_status"))
			.singleElement()
			.extracting(IndexInfo::getIndexFields)
			.satisfies(fields -> assertThat(fields).extracting(IndexField::getKey).containsExactly("status"));
	}

	@Test
	void theIndexOfEveryCaseAnEarlierVersionDeclaredIsDroppedAtStart() {
		this.mongo.indexOps(NotificationCase.class)
			.createIndex(new Index().on("deliveries.status", Sort.Direction.ASC)
				.named("notification_cases_delivery_status"));

		this.indexes.afterSingletonsInstantiated();

		assertThat(this.mongo.indexOps(NotificationCase.class).getIndexInfo()).extracting(IndexInfo::getName)
			.contains("notification_cases_unfinished")
			.doesNotContain("notification_cases_delivery_status");
	}

}

package ca.aiguillage.waitlist.timers;

import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.queue.QueueEntry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class TimerIndexesIntegrationTests {

	@Autowired
	MongoOperations mongo;

	@Test
	void onlyEntriesWithATimerAreIndexedForTheScans() {
		assertThat(this.mongo.indexOps(QueueEntry.class).getIndexInfo())
			.filteredOn(index -> index.getName().equals(TimerIndexes.NAME))
			.singleElement()
			.satisfies(index -> {
				assertThat(index.getIndexFields()).extracting(IndexField::getKey).containsExactly("nextTimerAt");
				assertThat(index.getPartialFilterExpression()).contains("nextTimerAt").contains("$exists");
			});
		assertThat(this.mongo.indexOps(QueueEntry.class).getIndexInfo())
			.anySatisfy(index -> assertThat(index.getName()).isEqualTo("outbox_pending"));
		// A referral's page lists the referrals linked to it through this one.
		assertThat(this.mongo.indexOps(QueueEntry.class).getIndexInfo())
			.filteredOn(index -> index.getName().equals("queue_duplicate_of"))
			.singleElement()
			.satisfies(index -> assertThat(index.getPartialFilterExpression()).contains("duplicateOf"));
	}

}

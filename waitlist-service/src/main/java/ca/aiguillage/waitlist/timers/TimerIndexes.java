package ca.aiguillage.waitlist.timers;

import ca.aiguillage.waitlist.queue.QueueEntries;
import ca.aiguillage.waitlist.queue.QueueEntry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The index the timers' scans (at start, then every few minutes) need on a real MongoDB:
 * only entries with a timer are in it. Created at start on either store.
 */
@Component
class TimerIndexes implements SmartInitializingSingleton {

	/** The index's name. */
	static final String NAME = "queue_next_timer";

	private final MongoOperations mongo;

	TimerIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(QueueEntry.class)
			.createIndex(new Index().on(QueueEntries.NEXT_TIMER_AT, Sort.Direction.ASC)
				.named(NAME)
				.partial(PartialIndexFilter.of(Criteria.where(QueueEntries.NEXT_TIMER_AT).exists(true))));
	}

}

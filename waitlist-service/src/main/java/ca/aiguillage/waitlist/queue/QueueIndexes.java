package ca.aiguillage.waitlist.queue;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The indexes the coordinators' pages and the queue's gauges need on a real MongoDB, so
 * that years of closed referrals do not slow the morning's queue: an organization's queue
 * (and the network's, the referrals no organization holds), the ones its video places
 * host, the counts by state, the crisis follow-ups, and a referral's decision notes.
 * Created at start on either store.
 */
@Component
class QueueIndexes implements SmartInitializingSingleton {

	private final MongoOperations mongo;

	QueueIndexes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations queue = this.mongo.indexOps(QueueEntry.class);
		queue.createIndex(new Index().on("organizationId", Sort.Direction.ASC)
			.on("registeredAt", Sort.Direction.ASC)
			.named("queue_organization"));
		queue.createIndex(new Index().on("hostOrganizationId", Sort.Direction.ASC)
			.on("registeredAt", Sort.Direction.ASC)
			.named("queue_host_organization")
			.partial(PartialIndexFilter.of(Criteria.where("hostOrganizationId").exists(true))));
		queue.createIndex(new Index().on("status", Sort.Direction.ASC)
			.on("registeredAt", Sort.Direction.ASC)
			.named("queue_status"));
		queue.createIndex(new Index().on("reviewCauses", Sort.Direction.ASC).named("queue_review_causes"));
		this.mongo.indexOps(DecisionNotes.Note.class)
			.createIndex(new Index().on("referralId", Sort.Direction.ASC).named("decision_notes_referral"));
	}

}

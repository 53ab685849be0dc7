package ca.aiguillage.platform.outbox;

import java.time.Duration;
import java.util.List;

import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.work.WakeablePoller;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes the events waiting in aggregates' outboxes, in order, keyed by subject, and
 * removes each from its document once the broker acknowledged it. A crash between the two
 * republishes the event, which idempotent consumers ignore.
 */
public final class OutboxRelay extends WakeablePoller {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	private final MongoOperations mongo;

	private final StreamBridge bridge;

	private final CloudEventMessages messages;

	private final Duration pollInterval;

	public OutboxRelay(MongoOperations mongo, StreamBridge bridge, CloudEventMessages messages, Duration pollInterval) {
		this.mongo = mongo;
		this.bridge = bridge;
		this.messages = messages;
		this.pollInterval = pollInterval;
	}

	/**
	 * Publishes everything pending now.
	 * @return how many events were published
	 */
	public int relayPending() {
		int published = 0;
		for (String collection : collections()) {
			Query pending = new Query(Criteria.where("outbox.0").exists(true)).limit(BATCH);
			for (Document document : this.mongo.find(pending, Document.class, collection)) {
				published += relay(collection, document);
			}
		}
		return published;
	}

	private int relay(String collection, Document document) {
		int published = 0;
		for (Document entry : document.getList("outbox", Document.class)) {
			OutboxEvent event = new OutboxEvent(entry.getString("eventId"), entry.getString("type"),
					entry.getString("topic"), entry.getString("key"), entry.getDate("time").toInstant(),
					entry.getString("data"));
			if (!this.bridge.send(event.topic(), this.messages.toMessage(event))) {
				throw new IllegalStateException("The broker did not take event " + event.eventId());
			}
			Query sameDocument = new Query(Criteria.where("_id").is(document.get("_id")));
			Update markSent = new Update().pull("outbox", new Document("eventId", event.eventId())).inc("version", 1);
			this.mongo.updateFirst(sameDocument, markSent, collection);
			published++;
		}
		return published;
	}

	private List<String> collections() {
		return this.mongo.getConverter()
			.getMappingContext()
			.getPersistentEntities()
			.stream()
			.filter(entity -> Aggregate.class.isAssignableFrom(entity.getType()))
			.map(MongoPersistentEntity::getCollection)
			.distinct()
			.toList();
	}

	@Override
	protected void pollOnce() {
		relayPending();
	}

	@Override
	protected Duration pollInterval() {
		return this.pollInterval;
	}

	@Override
	protected String threadName() {
		return "outbox-relay-" + this.messages.source().getPath().replace('/', '-');
	}

	@Override
	public int getPhase() {
		// Starts after the bindings and stops before them, so nothing is sent to a closed
		// binder.
		return Integer.MAX_VALUE - 1000;
	}

}

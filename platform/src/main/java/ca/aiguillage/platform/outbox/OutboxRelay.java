package ca.aiguillage.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.logging.LogText;
import ca.aiguillage.platform.work.WakeablePoller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * republishes the event, which idempotent consumers ignore. An entry that cannot be
 * published is tried again with back-off and, after a few attempts, reported as stuck
 * ({@value #STUCK} and one log line naming its id and type); it holds back only the later
 * entries of its own document, never the other documents.
 */
public final class OutboxRelay extends WakeablePoller {

	/** The gauge of entries that failed to publish too many times. */
	public static final String STUCK = "aiguillage.outbox.stuck";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(10);

	private final MongoOperations mongo;

	private final StreamBridge bridge;

	private final CloudEventMessages messages;

	private final OutboxSettings settings;

	private final Clock clock;

	private final Map<String, Failure> failures = new ConcurrentHashMap<>();

	public OutboxRelay(MongoOperations mongo, StreamBridge bridge, CloudEventMessages messages, OutboxSettings settings,
			Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.bridge = bridge;
		this.messages = messages;
		this.settings = settings;
		this.clock = clock;
		Gauge.builder(STUCK, this, OutboxRelay::stuck)
			.description(
					"Outbox entries that failed to publish too many times and hold back their document's later events")
			.register(meters);
	}

	/**
	 * Publishes everything pending now, except entries waiting out a back-off (and the
	 * later entries of their documents).
	 * @return how many events were published
	 */
	public int relayPending() {
		int published = 0;
		Instant now = this.clock.instant();
		List<String> due = this.failures.entrySet()
			.stream()
			.filter(failure -> !failure.getValue().nextAttempt().isAfter(now))
			.map(Map.Entry::getKey)
			.toList();
		for (String collection : collections()) {
			Criteria pending = Criteria.where("outbox.0").exists(true);
			List<Object> waiting = waitingDocuments(collection, now);
			if (!waiting.isEmpty()) {
				// Otherwise a batch of failing documents would be all the query ever
				// returns.
				pending = pending.and("_id").nin(waiting);
			}
			for (Document document : this.mongo.find(new Query(pending).limit(BATCH), Document.class, collection)) {
				published += relay(collection, document);
			}
		}
		// A due entry this round did not meet is gone (its document was removed or
		// published it elsewhere): forget it.
		due.forEach(eventId -> this.failures.computeIfPresent(eventId,
				(id, failure) -> failure.nextAttempt().isAfter(now) ? failure : null));
		return published;
	}

	private int relay(String collection, Document document) {
		int published = 0;
		for (Document entry : document.getList("outbox", Document.class)) {
			OutboxEvent event = new OutboxEvent(entry.getString("eventId"), entry.getString("type"),
					entry.getString("topic"), entry.getString("key"), entry.getDate("time").toInstant(),
					entry.getString("data"));
			try {
				send(event);
			}
			catch (RuntimeException ex) {
				failed(collection, document.get("_id"), event, ex);
				// The later events of this subject wait, so that they are never
				// published before it.
				return published;
			}
			this.failures.remove(event.eventId());
			Query sameDocument = new Query(Criteria.where("_id").is(document.get("_id")));
			Update markSent = new Update().pull("outbox", new Document("eventId", event.eventId())).inc("version", 1);
			this.mongo.updateFirst(sameDocument, markSent, collection);
			published++;
		}
		return published;
	}

	private void send(OutboxEvent event) {
		if (!this.bridge.send(event.topic(), this.messages.toMessage(event))) {
			throw new IllegalStateException("The broker did not take event " + event.eventId());
		}
	}

	private void failed(String collection, Object documentId, OutboxEvent event, RuntimeException ex) {
		Failure previous = this.failures.get(event.eventId());
		int attempts = (previous != null) ? previous.attempts() + 1 : 1;
		Instant next = this.clock.instant().plus(this.settings.backOff(attempts));
		this.failures.put(event.eventId(), new Failure(collection, documentId, attempts, next));
		// Ids and type only: the event's data and the cause's message may hold
		// personal data.
		if (attempts == this.settings.stuckAfter()) {
			log.error("Outbox event {} of type {} is stuck after {} attempts ({}); later events of its document wait",
					event.eventId(), LogText.of(event.type()), attempts, ex.getClass().getSimpleName());
		}
		else if (attempts < this.settings.stuckAfter()) {
			log.warn("Outbox event {} of type {} failed to publish ({}), attempt {}", event.eventId(),
					LogText.of(event.type()), ex.getClass().getSimpleName(), attempts);
		}
	}

	private List<Object> waitingDocuments(String collection, Instant now) {
		return this.failures.values()
			.stream()
			.filter(failure -> failure.collection().equals(collection) && failure.nextAttempt().isAfter(now))
			.map(Failure::documentId)
			.distinct()
			.toList();
	}

	private double stuck() {
		return this.failures.values()
			.stream()
			.filter(failure -> failure.attempts() >= this.settings.stuckAfter())
			.count();
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
		// A back-off that ends before the next round is honoured, woken or not.
		Instant now = this.clock.instant();
		return this.failures.values()
			.stream()
			.map(failure -> Duration.between(now, failure.nextAttempt()))
			.filter(wait -> wait.compareTo(this.settings.pollInterval()) < 0)
			.min(Duration::compareTo)
			.map(wait -> (wait.compareTo(SHORTEST_WAIT) < 0) ? SHORTEST_WAIT : wait)
			.orElse(this.settings.pollInterval());
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

	/**
	 * An entry that failed to publish.
	 *
	 * @param collection its document's collection
	 * @param documentId the {@code _id} of the document holding it
	 * @param attempts failed attempts so far
	 * @param nextAttempt not tried again before
	 */
	private record Failure(String collection, Object documentId, int attempts, Instant nextAttempt) {
	}

}

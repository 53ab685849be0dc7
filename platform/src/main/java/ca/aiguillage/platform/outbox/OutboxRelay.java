package ca.aiguillage.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.logging.LogText;
import ca.aiguillage.platform.outbox.PendingDocuments.Pending;
import ca.aiguillage.platform.tracing.TraceContexts;
import ca.aiguillage.platform.work.WakeablePoller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes the events waiting in aggregates' outboxes, in order, keyed by subject, and
 * removes them from their document once the broker acknowledged them. A crash between the
 * two republishes the events, which idempotent consumers ignore.
 * <p>
 * No round scans a collection: {@link Aggregates} marks each saved document that holds
 * events in an in-memory work list and wakes the relay, which reads the marked documents
 * by {@code _id}. One scan at start finds what was pending before a restart, and a slow
 * safety-net scan ({@code aiguillage.outbox.scan-interval}) what another instance left
 * when it died. Each document's events are sent one after the other, the documents of a
 * round side by side, so that the producer batches them and the round waits for all
 * acknowledgements at once; each document then gets one write removing what was sent.
 * <p>
 * An entry that cannot be published is tried again with back-off and, after a few
 * attempts, reported as stuck ({@value #STUCK} and one log line naming its id and type);
 * it holds back only the later entries of its own document, never the other documents.
 */
public final class OutboxRelay extends WakeablePoller {

	/** The gauge of entries that failed to publish too many times. */
	public static final String STUCK = "aiguillage.outbox.stuck";

	/** The gauge of documents known to hold events not yet published. */
	public static final String PENDING = "aiguillage.outbox.pending";

	/**
	 * The partial index that lets a real MongoDB answer the scans without a full scan.
	 */
	static final String PENDING_INDEX = "outbox_pending";

	private static final String ENTRY_ID = "outbox.eventId";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 200;

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(10);

	private final MongoOperations mongo;

	private final StreamBridge bridge;

	private final CloudEventMessages messages;

	private final OutboxSettings settings;

	private final Clock clock;

	private final TraceContexts traces;

	private final Map<String, Failure> failures = new ConcurrentHashMap<>();

	private final PendingDocuments pending = new PendingDocuments();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private volatile boolean scanRequested = true;

	private volatile Instant nextScan = Instant.MIN;

	private volatile boolean roundWasFull;

	public OutboxRelay(MongoOperations mongo, StreamBridge bridge, CloudEventMessages messages, OutboxSettings settings,
			Clock clock, MeterRegistry meters) {
		this(mongo, bridge, messages, settings, clock, meters, TraceContexts.NONE);
	}

	public OutboxRelay(MongoOperations mongo, StreamBridge bridge, CloudEventMessages messages, OutboxSettings settings,
			Clock clock, MeterRegistry meters, TraceContexts traces) {
		this.traces = traces;
		this.mongo = mongo;
		this.bridge = bridge;
		this.messages = messages;
		this.settings = settings;
		this.clock = clock;
		Gauge.builder(STUCK, this, OutboxRelay::stuck)
			.description(
					"Outbox entries that failed to publish too many times and hold back their document's later events")
			.register(meters);
		Gauge.builder(PENDING, this.pending, PendingDocuments::size)
			.description("Documents known to hold outbox entries not yet published")
			.register(meters);
	}

	/**
	 * Notes that a document was saved with events in its outbox; the caller wakes the
	 * relay.
	 */
	void pending(String collection, Object id) {
		this.pending.mark(collection, id);
	}

	/** The next round looks through every aggregate collection, as at start. */
	void rescan() {
		this.scanRequested = true;
	}

	/**
	 * Publishes what is pending now, except entries waiting out a back-off (and the later
	 * entries of their documents). The first call, and one every
	 * {@code aiguillage.outbox.scan-interval}, first looks through every aggregate
	 * collection for documents nobody marked.
	 * @return how many events were published
	 */
	public int relayPending() {
		Instant now = this.clock.instant();
		if (this.scanRequested || !now.isBefore(this.nextScan)) {
			scan();
			this.scanRequested = false;
			this.nextScan = now.plus(this.settings.scanInterval());
		}
		List<Map.Entry<Pending, Long>> round = this.pending.take(BATCH, document -> waiting(document, now));
		this.roundWasFull = round.size() == BATCH;
		List<Outgoing> outgoing = read(round);
		List<Future<Sent>> sending = new ArrayList<>();
		for (Outgoing document : outgoing) {
			sending.add(this.senders.submit(() -> send(document)));
		}
		int published = 0;
		for (Future<Sent> sent : sending) {
			published += markSent(result(sent));
		}
		return published;
	}

	private List<Outgoing> read(List<Map.Entry<Pending, Long>> round) {
		Map<String, Map<Object, Long>> byCollection = new LinkedHashMap<>();
		round.forEach(taken -> byCollection.computeIfAbsent(taken.getKey().collection(), name -> new LinkedHashMap<>())
			.put(taken.getKey().id(), taken.getValue()));
		List<Outgoing> outgoing = new ArrayList<>();
		byCollection.forEach((collection, stamps) -> {
			Query byId = new Query(Criteria.where("_id").in(stamps.keySet()));
			byId.fields().include("outbox");
			Map<Object, Document> found = new HashMap<>();
			this.mongo.find(byId, Document.class, collection)
				.forEach(document -> found.put(document.get("_id"), document));
			stamps.forEach((id, stamp) -> {
				Pending document = new Pending(collection, id);
				List<OutboxEvent> entries = entries(found.get(id));
				forgetFailuresOf(document, entries);
				if (entries.isEmpty()) {
					// Removed, or published by another instance.
					this.pending.done(document, stamp);
				}
				else {
					outgoing.add(new Outgoing(document, stamp, entries));
				}
			});
		});
		return outgoing;
	}

	private static List<OutboxEvent> entries(@Nullable Document document) {
		if (document == null || document.getList("outbox", Document.class) == null) {
			return List.of();
		}
		return document.getList("outbox", Document.class)
			.stream()
			.map(entry -> new OutboxEvent(entry.getString("eventId"), entry.getString("type"), entry.getString("topic"),
					entry.getString("key"), entry.getDate("time").toInstant(), entry.getString("data"),
					entry.getString("traceparent")))
			.toList();
	}

	private Sent send(Outgoing document) {
		List<String> sent = new ArrayList<>();
		for (OutboxEvent event : document.entries()) {
			try {
				// The producer's traceparent header continues the trace of the change
				// that
				// raised the event.
				boolean taken = this.traces.continuing(event.traceparent(), "outbox publish " + event.topic(),
						() -> this.bridge.send(event.topic(), this.messages.toMessage(event)));
				if (!taken) {
					throw new IllegalStateException("The broker did not take event " + event.eventId());
				}
			}
			catch (RuntimeException ex) {
				// The later events of this subject wait, so that they are never
				// published before it.
				return new Sent(document, sent, event, ex);
			}
			sent.add(event.eventId());
		}
		return new Sent(document, sent, null, null);
	}

	private int markSent(Sent sent) {
		Pending document = sent.document().document();
		if (!sent.eventIds().isEmpty()) {
			sent.eventIds().forEach(this.failures::remove);
			Query sameDocument = new Query(Criteria.where("_id").is(document.id()));
			// The version moves, so that a writer holding the document as it was before
			// cannot put the sent entries back.
			Update markSent = new Update()
				.pull("outbox", Query.query(Criteria.where("eventId").in(sent.eventIds())).getQueryObject())
				.inc("version", 1);
			this.mongo.updateFirst(sameDocument, markSent, document.collection());
		}
		OutboxEvent failed = sent.failed();
		RuntimeException cause = sent.cause();
		if (failed == null || cause == null) {
			this.pending.done(document, sent.document().stamp());
		}
		else {
			failed(document, failed, cause);
		}
		return sent.eventIds().size();
	}

	private static Sent result(Future<Sent> sent) {
		try {
			return sent.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
	}

	private void scan() {
		for (String collection : collections()) {
			// Lets a real MongoDB find the few documents with entries through a small
			// index; the embedded store ignores it and scans, at start and rarely after.
			this.mongo.indexOps(collection)
				.createIndex(new Index().on(ENTRY_ID, Sort.Direction.ASC)
					.named(PENDING_INDEX)
					.partial(PartialIndexFilter.of(Criteria.where(ENTRY_ID).exists(true))));
			Query withEntries = new Query(Criteria.where(ENTRY_ID).exists(true));
			withEntries.fields().include("_id");
			this.mongo.find(withEntries, Document.class, collection)
				.forEach(document -> this.pending.mark(collection, document.get("_id")));
		}
	}

	private void failed(Pending document, OutboxEvent event, RuntimeException ex) {
		Failure previous = this.failures.get(event.eventId());
		int attempts = (previous != null) ? previous.attempts() + 1 : 1;
		Instant next = this.clock.instant().plus(this.settings.backOff(attempts));
		this.failures.put(event.eventId(), new Failure(document, attempts, next));
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

	private void forgetFailuresOf(Pending document, List<OutboxEvent> entries) {
		Set<String> stillThere = new HashSet<>();
		entries.forEach(entry -> stillThere.add(entry.eventId()));
		this.failures.entrySet()
			.removeIf(failure -> failure.getValue().document().equals(document)
					&& !stillThere.contains(failure.getKey()));
	}

	private boolean waiting(Pending document, Instant now) {
		return this.failures.values()
			.stream()
			.anyMatch(failure -> failure.document().equals(document) && failure.nextAttempt().isAfter(now));
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
		if (this.roundWasFull) {
			// More is marked than one round takes: go on at once.
			wake();
		}
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
	 * A marked document read for this round.
	 *
	 * @param document the document
	 * @param stamp its mark when the round took it
	 * @param entries its outbox, oldest first
	 */
	private record Outgoing(Pending document, long stamp, List<OutboxEvent> entries) {
	}

	/**
	 * What a round published of one document.
	 *
	 * @param document the document
	 * @param eventIds the events the broker acknowledged, in order
	 * @param failed the event that failed, after which nothing was sent, or null
	 * @param cause why it failed, or null
	 */
	private record Sent(Outgoing document, List<String> eventIds, @Nullable OutboxEvent failed,
			@Nullable RuntimeException cause) {
	}

	/**
	 * An entry that failed to publish.
	 *
	 * @param document the document holding it
	 * @param attempts failed attempts so far
	 * @param nextAttempt not tried again before
	 */
	private record Failure(Pending document, int attempts, Instant nextAttempt) {
	}

}

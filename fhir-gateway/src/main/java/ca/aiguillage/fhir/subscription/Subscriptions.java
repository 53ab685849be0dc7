package ca.aiguillage.fhir.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import ca.aiguillage.platform.work.DueTimes;
import ca.aiguillage.platform.work.WorkSettings;
import ca.aiguillage.platform.work.WriteOrder;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Partners' subscriptions: endpoint, signing secret, how many notifications were counted,
 * its status, and the notifications not yet acknowledged, one document each: every change
 * is one conditional update of it. What is due is kept in an in-memory due list that each
 * change updates, so finding it queries nothing.
 */
@Repository
class Subscriptions {

	static final String COLLECTION = "subscriptions";

	/** A subscription whose endpoint answers. */
	static final String ACTIVE = "active";

	/** A subscription whose endpoint failed its last notification. */
	static final String ERROR = "error";

	private static final int BATCH = 50;

	/** How long a partner's subscription ids are used before they are read again. */
	static final Duration PARTNERS_FRESH_FOR = Duration.ofMinutes(1);

	private static final Date NO_LEASE = new Date(0);

	private final MongoOperations mongo;

	private final Clock clock;

	private final DueTimes due;

	/** Each subscription's writes and the due list's hearing of them, in write order. */
	private final WriteOrder order = new WriteOrder();

	private final Map<String, Known> byPartner = new ConcurrentHashMap<>();

	private final AtomicLong created = new AtomicLong();

	/**
	 * A partner's subscription ids as read after so many subscriptions were made here, at
	 * that time (System.nanoTime).
	 */
	private record Known(List<String> ids, long created, long readAt) {
	}

	Subscriptions(MongoOperations mongo, Clock clock, WorkSettings work) {
		this.mongo = mongo;
		this.clock = clock;
		this.due = new DueTimes(this::scan, work.scanInterval());
		// A real MongoDB needs them to find a partner's subscriptions and those with
		// something due; the embedded store scans.
		mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC));
		mongo.indexOps(COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC).sparse());
	}

	Entry create(String partnerId, URI endpoint, String secret) {
		String id = UUID.randomUUID().toString();
		this.mongo.insert(new Document("_id", id).append("partnerId", partnerId)
			.append("endpoint", endpoint.toString())
			.append("secret", secret)
			.append("events", 0L)
			.append("status", ACTIVE)
			.append("pending", List.of())
			.append("createdAt", Date.from(this.clock.instant())), COLLECTION);
		this.created.incrementAndGet();
		return new Entry(id, partnerId, endpoint, secret, 0, ACTIVE, List.of(), null, null);
	}

	Optional<Entry> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Document.class, COLLECTION)).map(Subscriptions::entry);
	}

	/**
	 * The ids of a partner's subscriptions, kept in memory: every Task that moves needs
	 * them, and they change only when the partner subscribes (a subscription made through
	 * another instance shows within {@link #PARTNERS_FRESH_FOR}).
	 */
	List<String> idsOf(String partnerId) {
		long now = System.nanoTime();
		Known known = this.byPartner.get(partnerId);
		if (known != null && known.created() == this.created.get()
				&& now - known.readAt() < PARTNERS_FRESH_FOR.toNanos()) {
			return known.ids();
		}
		// Counted before the read: a subscription made during it makes the next look-up
		// read again.
		long createdBefore = this.created.get();
		Query ofPartner = query(where("partnerId").is(partnerId));
		ofPartner.fields().include("_id");
		List<String> ids = this.mongo.find(ofPartner, Document.class, COLLECTION)
			.stream()
			.map(found -> found.getString("_id"))
			.toList();
		this.byPartner.put(partnerId, new Known(ids, createdBefore, now));
		return ids;
	}

	/**
	 * Counts one more notification and keeps it until its endpoint acknowledges it, in
	 * one conditional update: its number and its being pending are never split.
	 * @param id the subscription
	 * @param task the Task it tells, as JSON
	 * @param at when the Task moved
	 * @return its number since the subscription started, empty when the subscription is
	 * gone
	 */
	Optional<Long> enqueue(String id, String task, Instant at) {
		while (true) {
			Document known = this.mongo.findById(id, Document.class, COLLECTION);
			if (known == null) {
				return Optional.empty();
			}
			long events = ((Number) known.get("events")).longValue();
			Instant now = this.clock.instant();
			Update update = new Update().set("events", events + 1)
				.push("pending",
						new Document("number", events + 1).append("task", task)
							.append("at", Date.from(at))
							.append("recordedAt", Date.from(now)));
			if (entry(known).pending().isEmpty()) {
				update.set("dueAt", Date.from(now));
			}
			// Compare and set on the count: a notification counted meanwhile makes this
			// one read again.
			Document saved = this.order.of(id,
					() -> scheduled(id, this.mongo.findAndModify(query(where("_id").is(id).and("events").is(events)),
							update, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)));
			if (saved != null) {
				return Optional.of(events + 1);
			}
		}
	}

	/**
	 * The subscriptions with a notification due now, from the in-memory due list (no
	 * query).
	 */
	List<String> due(Instant now) {
		return this.due.due(now, BATCH);
	}

	/**
	 * Takes a subscription whose first pending notification is due now, for one sender,
	 * until its lease runs out.
	 * @return the subscription, empty when nothing of it is due or another sender holds
	 * it
	 */
	Optional<Entry> claim(String id, Instant now, Duration lease) {
		return this.order.of(id, () -> {
			Document claimed = this.mongo.findAndModify(
					query(where("_id").is(id)
						.and("pending.0")
						.exists(true)
						.and("dueAt")
						.lte(Date.from(now))
						.orOperator(where("leaseUntil").exists(false), where("leaseUntil").lte(Date.from(now)))),
					new Update().set("leaseUntil", Date.from(now.plus(lease))),
					FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
			if (claimed == null) {
				// Another sender took it, or the list was stale: follow what is stored.
				this.due.schedule(id, find(id).map(Subscriptions::nextDue).orElse(null));
				return Optional.empty();
			}
			Entry entry = entry(claimed);
			this.due.schedule(id, nextDue(entry));
			return Optional.of(entry);
		});
	}

	/**
	 * Tells the due list of a write that landed; in write order, under {@link #order}.
	 */
	private @Nullable Document scheduled(String id, @Nullable Document saved) {
		if (saved != null) {
			this.due.schedule(id, nextDue(entry(saved)));
		}
		return saved;
	}

	/**
	 * The endpoint acknowledged a notification: it is never sent again, the next is due
	 * at once, and the subscription is active.
	 */
	void delivered(String id, long number) {
		finish(id, number,
				new Update().pull("pending", new Document("number", number))
					.set("status", ACTIVE)
					.set("dueAt", Date.from(this.clock.instant())));
	}

	/** A notification failed: the subscription is in error and tries it again later. */
	void retryAt(String id, long number, Instant next) {
		finish(id, number, new Update().set("status", ERROR).set("dueAt", Date.from(next)));
	}

	/**
	 * A notification kept failing until its deadline: it is dropped (the partner reads
	 * its Tasks), the next is due at once, and the subscription stays in error.
	 */
	void dropped(String id, long number) {
		finish(id, number,
				new Update().pull("pending", new Document("number", number))
					.set("status", ERROR)
					.inc("dropped", 1L)
					.set("dueAt", Date.from(this.clock.instant())));
	}

	private void finish(String id, long number, Update update) {
		this.order.of(id,
				() -> scheduled(id,
						this.mongo.findAndModify(query(where("_id").is(id).and("pending.number").is(number)),
								update.set("leaseUntil", NO_LEASE), FindAndModifyOptions.options().returnNew(true),
								Document.class, COLLECTION)));
	}

	/**
	 * Every subscription that had something pending, read at start and by the safety-net
	 * scan: through the index on {@code dueAt} on a real MongoDB.
	 */
	private Map<String, Instant> scan() {
		Map<String, Instant> found = new HashMap<>();
		this.mongo.find(new Query(where("dueAt").exists(true)), Document.class, COLLECTION).forEach(document -> {
			Instant at = nextDue(entry(document));
			if (at != null) {
				found.put(document.getString("_id"), at);
			}
		});
		return found;
	}

	/**
	 * When a subscription next has something to send: its due time, or its lease ending.
	 */
	private static @Nullable Instant nextDue(Entry entry) {
		if (entry.pending().isEmpty() || entry.dueAt() == null) {
			return null;
		}
		Instant lease = entry.leaseUntil();
		return (lease != null && lease.isAfter(entry.dueAt())) ? lease : entry.dueAt();
	}

	private static Entry entry(Document document) {
		List<Pending> pending = new ArrayList<>();
		for (Document notice : document.getList("pending", Document.class, List.of())) {
			pending.add(new Pending(((Number) notice.get("number")).longValue(), notice.getString("task"),
					notice.getDate("at").toInstant(), notice.getDate("recordedAt").toInstant()));
		}
		return new Entry(document.getString("_id"), document.getString("partnerId"),
				URI.create(document.getString("endpoint")), document.getString("secret"),
				((Number) document.get("events")).longValue(), document.get("status", ACTIVE), pending,
				instant(document.getDate("dueAt")), instant(document.getDate("leaseUntil")));
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/**
	 * A partner's subscription.
	 *
	 * @param id its id
	 * @param partnerId the partner, whose Tasks only it is told about
	 * @param endpoint where notifications are POSTed
	 * @param secret the Standard Webhooks secret that signs them
	 * @param events how many notifications were counted so far
	 * @param status {@code active}, or {@code error} when its last notification failed
	 * @param pending the notifications not yet acknowledged, oldest first
	 * @param dueAt when the first pending one is next tried
	 * @param leaseUntil until when a sender holds it
	 */
	record Entry(String id, String partnerId, URI endpoint, String secret, long events, String status,
			List<Pending> pending, @Nullable Instant dueAt, @Nullable Instant leaseUntil) {
	}

	/**
	 * A notification not yet acknowledged.
	 *
	 * @param number its number since the subscription started
	 * @param task the Task it tells, as JSON (ids and statuses, no personal data)
	 * @param at when the Task moved
	 * @param recordedAt when it was counted, from which its deadline runs
	 */
	record Pending(long number, String task, Instant at, Instant recordedAt) {
	}

}

package ca.aiguillage.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.platform.events.EventSchemas;
import ca.aiguillage.platform.events.SchemaViolation;
import ca.aiguillage.platform.tracing.TraceContexts;
import ca.aiguillage.platform.work.WriteOrder;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Saves aggregates with their outbox in one conditional write, and applies an incoming
 * event to an aggregate exactly once.
 */
public final class Aggregates {

	private static final int ATTEMPTS = 20;

	private final MongoOperations mongo;

	private final EventJson json;

	private final EventSchemas schemas;

	private final Clock clock;

	private final OutboxRelay relay;

	private final AggregateSettings settings;

	private final TraceContexts traces;

	private final List<Consumer<Aggregate>> listeners = new CopyOnWriteArrayList<>();

	private final WriteOrder order = new WriteOrder();

	public Aggregates(MongoOperations mongo, EventJson json, EventSchemas schemas, Clock clock, OutboxRelay relay,
			AggregateSettings settings) {
		this(mongo, json, schemas, clock, relay, settings, TraceContexts.NONE);
	}

	public Aggregates(MongoOperations mongo, EventJson json, EventSchemas schemas, Clock clock, OutboxRelay relay,
			AggregateSettings settings, TraceContexts traces) {
		this.traces = traces;
		this.mongo = mongo;
		this.json = json;
		this.schemas = schemas;
		this.clock = clock;
		this.relay = relay;
		this.settings = settings;
	}

	/**
	 * Tells a listener of every aggregate of a type this instance saves, right after the
	 * write: how an in-memory work list (due timers, due deliveries) learns of changes
	 * without querying for them. The listeners hear the saves of one aggregate in the
	 * order they were written, so that the last they heard is what is stored (two threads
	 * writing one after the other must not be heard the other way round).
	 * @param type the aggregate type
	 * @param listener gets each saved aggregate; it must be quick and must not throw
	 * @param <T> the aggregate type
	 */
	public <T extends Aggregate> void afterSave(Class<T> type, Consumer<? super T> listener) {
		this.listeners.add(saved -> {
			if (type.isInstance(saved)) {
				listener.accept(type.cast(saved));
			}
		});
	}

	public <T extends Aggregate> Optional<T> find(Class<T> type, String id) {
		return Optional.ofNullable(this.mongo.findById(id, type));
	}

	/**
	 * Saves a new or changed aggregate and the events it raised, in one write that fails
	 * if another writer changed the document since it was read.
	 * @param aggregate a new aggregate, or one read by {@link #find} and changed
	 * @param <T> the aggregate type
	 * @return the saved aggregate
	 * @throws OptimisticLockingFailureException when another writer came first
	 * @throws DuplicateKeyException when a new aggregate's id is taken
	 * @throws EventRefusedException when a raised event breaks its schema: nothing is
	 * written
	 */
	public <T extends Aggregate> T save(T aggregate) {
		List<OutboxEvent> checked = new ArrayList<>();
		String traceparent = aggregate.raisedEvents().isEmpty() ? null : this.traces.current();
		for (Object event : aggregate.raisedEvents()) {
			EventDefinition<?> definition = EventCatalog.of(event);
			String data = this.json.write(event);
			// An event that breaks its schema would be dead-lettered by every consumer:
			// refuse the change that raised it instead.
			List<SchemaViolation> violations = this.schemas.violations(definition,
					this.json.tree(data.getBytes(StandardCharsets.UTF_8)));
			if (!violations.isEmpty()) {
				throw new EventRefusedException(definition.type(), violations);
			}
			checked.add(new OutboxEvent(UUID.randomUUID().toString(), definition.type(), definition.topic(),
					definition.subjectOf(event), this.clock.instant(), data, traceparent));
		}
		aggregate.drainRaised();
		checked.forEach(aggregate::addToOutbox);
		return this.order.of(aggregate.getId(), () -> {
			T saved = this.mongo.save(aggregate);
			announce(saved);
			return saved;
		});
	}

	/**
	 * Tells the in-memory work lists again of an aggregate as it is stored now, in order
	 * with this instance's saves of it: for a work list that acted on what it read and
	 * found it stale, without writing anything.
	 * @param type the aggregate type
	 * @param id the aggregate id
	 * @param <T> the aggregate type
	 * @return the aggregate as stored, empty when there is none (nothing is told then)
	 */
	public <T extends Aggregate> Optional<T> announceStored(Class<T> type, String id) {
		return this.order.of(id, () -> {
			Optional<T> stored = find(type, id);
			stored.ifPresent(this::announce);
			return stored;
		});
	}

	/** Tells the relay and the in-memory work lists of a stored aggregate. */
	private void announce(Aggregate stored) {
		if (!stored.getOutbox().isEmpty()) {
			this.relay.pending(this.mongo.getCollectionName(stored.getClass()), stored.getId());
			this.relay.wake();
		}
		this.listeners.forEach(listener -> listener.accept(stored));
	}

	/**
	 * The one read-modify-write of every aggregate: reads it, lets {@code change} decide
	 * on what is stored now, and saves the result with the events it raised in one
	 * conditional write. When another writer came first (a stale version, or a new
	 * document whose id was just taken), reads again and decides again, so a decision is
	 * always taken on the latest state.
	 * @param type the aggregate type
	 * @param id the aggregate id
	 * @param change gets the stored aggregate (empty when there is none) and returns what
	 * to save and answer
	 * @param <T> the aggregate type
	 * @param <R> the answer type
	 * @return the answer of the decision that was written (or that wrote nothing)
	 * @throws OptimisticLockingFailureException when other writers kept coming first
	 */
	public <T extends Aggregate, R> R update(Class<T> type, String id, Function<Optional<T>, Outcome<T, R>> change) {
		for (int attempt = 1;; attempt++) {
			Outcome<T, R> outcome = change.apply(find(type, id));
			T aggregate = outcome.aggregate();
			if (aggregate == null) {
				return outcome.answer();
			}
			try {
				save(aggregate);
				return outcome.answer();
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				if (attempt == ATTEMPTS) {
					throw (ex instanceof OptimisticLockingFailureException optimistic) ? optimistic
							: new OptimisticLockingFailureException("Aggregate " + id + " kept changing", ex);
				}
				// A random pause, growing with the attempts, so that writers that keep
				// colliding fall out of step instead of colliding again.
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(attempt * 1_000_000L));
			}
		}
	}

	/**
	 * Changes a stored aggregate if there is one, through {@link #update}.
	 * @param type the aggregate type
	 * @param id the aggregate id
	 * @param change changes the aggregate and returns true, or returns false when there
	 * is nothing to write
	 * @param <T> the aggregate type
	 * @return the saved aggregate, or empty when there was none or nothing changed
	 */
	public <T extends Aggregate> Optional<T> updateIfPresent(Class<T> type, String id, Predicate<T> change) {
		return update(type, id, found -> {
			if (found.isEmpty() || !change.test(found.get())) {
				return Outcome.unchanged(Optional.empty());
			}
			return Outcome.save(found.get(), found);
		});
	}

	/**
	 * Applies an incoming event to one aggregate once: a redelivered event changes
	 * nothing. Concurrent writers are resolved by {@link #update}.
	 * @param type the aggregate type
	 * @param id the aggregate id
	 * @param eventId the incoming event's id
	 * @param create makes the aggregate when it does not exist yet
	 * @param change the change, which may raise events
	 * @param <T> the aggregate type
	 * @return true if applied now, false if it had been applied before
	 */
	public <T extends Aggregate> boolean applyOnce(Class<T> type, String id, String eventId, Supplier<T> create,
			Consumer<T> change) {
		return update(type, id, found -> {
			T aggregate = found.orElseGet(create);
			if (aggregate.hasApplied(eventId)) {
				// The first delivery's write may have landed while its acknowledgement
				// was
				// lost (a database cut): its work lists never heard of it, so tell them
				// now, as it is stored.
				announceStored(type, id);
				return Outcome.unchanged(false);
			}
			change.accept(aggregate);
			aggregate.markApplied(eventId, this.settings.keptEventIds());
			return Outcome.save(aggregate, true);
		});
	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.platform.work.DueTimes;
import ca.aiguillage.platform.work.WorkSettings;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The queue entries. Every change is one conditional write of one entry with its outbox,
 * and leaves the entry's next timer worked out for the poller, which finds due entries in
 * an in-memory due list that each save updates.
 */
@Component
public class QueueEntries {

	/** The field holding an entry's next timer, absent when it has none. */
	public static final String NEXT_TIMER_AT = "nextTimerAt";

	private final Aggregates aggregates;

	private final MongoOperations mongo;

	private final TimerSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final DueTimes timers;

	QueueEntries(Aggregates aggregates, MongoOperations mongo, TimerSettings settings, Clock clock,
			ApplicationEventPublisher events, WorkSettings work) {
		this.events = events;
		this.aggregates = aggregates;
		this.mongo = mongo;
		this.settings = settings;
		this.clock = clock;
		this.timers = new DueTimes(this::scanTimers, work.scanInterval());
		// Every save leaves the entry's next timer worked out: the due list follows it.
		aggregates.afterSave(QueueEntry.class, entry -> this.timers.schedule(entry.getId(), entry.nextTimerAt()));
	}

	/**
	 * Applies another service's event to an entry once.
	 * @param eventId the event's id
	 * @param create makes the entry when the event may open one, else throws
	 * @return true if applied now
	 */
	boolean applyOnce(String referralId, String eventId, Supplier<QueueEntry> create, Consumer<QueueEntry> change) {
		QueueChanged[] changed = new QueueChanged[1];
		boolean applied = this.aggregates.applyOnce(QueueEntry.class, referralId, eventId, create, entry -> {
			QueueStatus before = entry.status();
			change.accept(entry);
			entry.schedule(this.settings);
			changed[0] = QueueChanged.of(entry, before);
		});
		if (applied) {
			this.events.publishEvent(changed[0]);
		}
		return applied;
	}

	/**
	 * A coordinator's decision on an entry of their organization.
	 * @param expectedRevision the revision the caller acted on, or null
	 * @param decision the decision, which returns the step it recorded
	 * @return the changed entry and that step
	 * @throws NotFoundException when there is no such referral for this caller
	 * @throws RevisionConflictException when the entry changed since the caller saw it
	 * @throws ActionNotAllowedException when the state does not allow the decision
	 */
	public Decided decide(String referralId, Caller caller, @Nullable Long expectedRevision,
			Function<QueueEntry, Step> decision) {
		return decide(referralId, caller, expectedRevision, Set.of(Access.HOLDER), decision);
	}

	/**
	 * A coordinator's decision on an entry of their organization or of the network queue
	 * (taking it, following up a crisis redirection).
	 * @see #decide(String, Caller, Long, Function)
	 */
	public Decided decideInNetwork(String referralId, Caller caller, @Nullable Long expectedRevision,
			Function<QueueEntry, Step> decision) {
		return decide(referralId, caller, expectedRevision, Set.of(Access.HOLDER, Access.NETWORK), decision);
	}

	private Decided decide(String referralId, Caller caller, @Nullable Long expectedRevision, Set<Access> allowed,
			Function<QueueEntry, Step> decision) {
		// A retry after the relay marked events sent reads the entry again, and the
		// revision check tells whether a person changed it.
		Changed<Decided> changed = this.aggregates.update(QueueEntry.class, referralId, found -> {
			QueueEntry entry = visible(found, caller);
			if (!allowed.contains(access(entry, caller))) {
				// Read-only for the organization it left; the others' actions need it
				// held.
				throw new NotFoundException("referral");
			}
			QueueStatus before = entry.status();
			entry.expectRevision(expectedRevision);
			Step step = decision.apply(entry);
			entry.schedule(this.settings);
			return Outcome.save(entry, new Changed<>(new Decided(entry, step), QueueChanged.of(entry, before)));
		});
		this.events.publishEvent(changed.change());
		return changed.answer();
	}

	/**
	 * A decision as it was saved.
	 *
	 * @param entry the entry after the decision
	 * @param step the step the decision recorded, with the coordinator's reason
	 */
	public record Decided(QueueEntry entry, Step step) {
	}

	private record Changed<A>(A answer, QueueChanged change) {
	}

	/**
	 * One entry, if the caller may see it.
	 * @throws NotFoundException when there is none or it is another organization's
	 */
	public QueueEntry visibleTo(String referralId, Caller caller) {
		return visible(this.aggregates.find(QueueEntry.class, referralId), caller);
	}

	private static QueueEntry visible(Optional<QueueEntry> found, Caller caller) {
		QueueEntry entry = found.filter(QueueEntry::opened).orElseThrow(() -> new NotFoundException("referral"));
		if (access(entry, caller) == Access.NONE) {
			// Another organization's referral reads exactly like an unknown one.
			throw new NotFoundException("referral");
		}
		return entry;
	}

	/**
	 * What a caller may do with an entry.
	 * @return how the caller sees it
	 */
	public static Access access(QueueEntry entry, Caller caller) {
		if (caller.isAdmin() || caller.coordinates(entry.organizationId())) {
			return Access.HOLDER;
		}
		Set<String> mine = caller.coordinatedOrganizations();
		if (mine.isEmpty()) {
			return Access.NONE;
		}
		if (entry.organizationId() == null) {
			return Access.NETWORK;
		}
		if (entry.hostOrganizationId() != null && mine.contains(entry.hostOrganizationId())) {
			return Access.HOST;
		}
		return entry.formerOrganizationIds().stream().anyMatch(mine::contains) ? Access.FORMER : Access.NONE;
	}

	/** How a caller sees an entry. */
	public enum Access {

		/**
		 * An administrator, or a coordinator of the organization holding it: every
		 * action.
		 */
		HOLDER,
		/**
		 * No organization holds it yet: any coordinator may take it or record a
		 * follow-up.
		 */
		NETWORK,
		/** It moved to another organization: read-only for the one that had it. */
		FORMER,
		/**
		 * Its proposal or therapy is in a video place this organization lends to the
		 * network's pool: read-only, the referral stays with its own organization.
		 */
		HOST,
		/** Not this caller's. */
		NONE

	}

	/**
	 * One entry the queue shows, whoever asks: none for a referral not registered yet.
	 * @return the entry, if known
	 */
	public Optional<QueueEntry> find(String referralId) {
		return this.aggregates.find(QueueEntry.class, referralId).filter(QueueEntry::opened);
	}

	/**
	 * The entries whose next timer is due, from the in-memory due list (no query).
	 * @param limit how many at most
	 * @return their ids, the most overdue first
	 */
	public List<String> due(Instant now, int limit) {
		return this.timers.due(now, limit);
	}

	/**
	 * Every entry with a timer, read at start and by the safety-net scan: through the
	 * partial index on {@code nextTimerAt} on a real MongoDB.
	 */
	private Map<String, Instant> scanTimers() {
		Query withTimer = new Query(Criteria.where(NEXT_TIMER_AT).exists(true));
		withTimer.fields().include("_id").include(NEXT_TIMER_AT);
		Map<String, Instant> found = new HashMap<>();
		this.mongo.find(withTimer, Document.class, this.mongo.getCollectionName(QueueEntry.class))
			.forEach(entry -> found.put(entry.getString("_id"), entry.getDate(NEXT_TIMER_AT).toInstant()));
		return found;
	}

	/**
	 * Fires an entry's due timers. Two pollers may try at once: the conditional write
	 * lets one win, and the other finds nothing due when it reads the entry again.
	 * @return how many events the timers raised
	 */
	public int fireDueTimers(String referralId) {
		Optional<Changed<Integer>> fired = this.aggregates.update(QueueEntry.class, referralId, found -> {
			Instant now = this.clock.instant();
			QueueEntry entry = found.orElse(null);
			if (entry == null || entry.nextTimerAt() == null || now.isBefore(entry.nextTimerAt())) {
				// Another instance fired it, or the list was stale: follow what is
				// stored, read again in order with this instance's saves of it.
				if (entry == null || this.aggregates.announceStored(QueueEntry.class, referralId).isEmpty()) {
					this.timers.schedule(referralId, null);
				}
				return Outcome.unchanged(Optional.empty());
			}
			QueueStatus before = entry.status();
			entry.fireDueTimers(now, this.settings);
			int raised = entry.raisedEvents().size();
			entry.schedule(this.settings);
			return Outcome.save(entry, Optional.of(new Changed<>(raised, QueueChanged.of(entry, before))));
		});
		fired.ifPresent(changed -> this.events.publishEvent(changed.change()));
		return fired.map(Changed::answer).orElse(0);
	}

	/**
	 * Asks a client at the head of a likely line, unless they were asked already (by
	 * another instance, too: the write is conditional).
	 * @param window no check-in of this wait fell due within it
	 * @return whether the client was asked
	 */
	public boolean askAtHeadOfLine(String referralId, Duration window) {
		Optional<Changed<Boolean>> asked = this.aggregates.update(QueueEntry.class, referralId, found -> {
			QueueEntry entry = found.orElse(null);
			if (entry == null || !entry.askAtHeadOfLine(this.clock.instant(), window, this.settings)) {
				return Outcome.unchanged(Optional.empty());
			}
			QueueStatus before = entry.status();
			entry.schedule(this.settings);
			return Outcome.save(entry, Optional.of(new Changed<>(true, QueueChanged.of(entry, before))));
		});
		asked.ifPresent(changed -> this.events.publishEvent(changed.change()));
		return asked.isPresent();
	}

	public TimerSettings settings() {
		return this.settings;
	}

}

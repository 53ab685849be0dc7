package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.Audience;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.work.DueTimes;
import ca.aiguillage.platform.work.WorkSettings;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The deliveries and digests due now, and every change of their state: each claim,
 * release and outcome is one conditional write of its case or digest. What is due is kept
 * in in-memory due lists that each save updates, so finding it queries nothing.
 */
@Component
class DueDeliveries {

	private static final int BATCH = 50;

	/** The field the scan of cases and its index read. */
	static final String DELIVERY_STATUS = "deliveries.status";

	/** The field the scan of digests and its index read. */
	static final String DIGEST_STATUS = "status";

	private static final List<String> UNFINISHED = List.of(DeliveryStatus.PENDING.name(),
			DeliveryStatus.SENDING.name());

	/**
	 * The cases with a delivery not finished: the scan's condition, and the filter of the
	 * partial index that answers it, the same on both stores.
	 */
	static Criteria unfinishedCases() {
		return Criteria.where(DELIVERY_STATUS).in(UNFINISHED);
	}

	/** Why a delivery that kept failing for passing reasons failed for good. */
	static final String RETRY_DEADLINE_PASSED = "RETRY_DEADLINE_PASSED";

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final DispatchSettings settings;

	private final DueTimes cases;

	private final DueTimes digests;

	DueDeliveries(MongoOperations mongo, Aggregates aggregates, DispatchSettings settings, WorkSettings work) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.settings = settings;
		this.cases = new DueTimes(this::scanCases, work.scanInterval());
		this.digests = new DueTimes(this::scanDigests, work.scanInterval());
		// Every claim, release and outcome is a save: the due lists follow them.
		aggregates.afterSave(NotificationCase.class, known -> this.cases.schedule(known.getId(), nextDue(known)));
		aggregates.afterSave(CoordinatorDigest.class,
				digest -> this.digests.schedule(digest.getId(), nextDue(stored(digest))));
	}

	/**
	 * The deliveries of one case a sender took, and the case as it was saved.
	 *
	 * @param known the case
	 * @param deliveries the deliveries claimed
	 */
	record Claimed(NotificationCase known, List<Delivery> deliveries) {
	}

	/**
	 * Cases with a delivery due now or whose sender's lease ran out, from the in-memory
	 * due list (no query).
	 */
	List<String> casesDue(Instant now) {
		return this.cases.due(now, BATCH);
	}

	/**
	 * When a case next has something to send: a pending delivery, or a lease running out.
	 * One waiting behind an earlier message goes once that one is recorded, which saves
	 * the case again.
	 */
	private static @Nullable Instant nextDue(NotificationCase known) {
		return known.deliveries().stream().map(delivery -> switch (delivery.status()) {
			case PENDING -> known.waitsBehind(delivery) ? null : delivery.dueAt();
			case SENDING -> delivery.leaseUntil();
			default -> null;
		}).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
	}

	private static @Nullable Instant nextDue(Document digest) {
		String status = digest.getString("status");
		Date at = DeliveryStatus.PENDING.name().equals(status) ? digest.getDate("dueAt")
				: DeliveryStatus.SENDING.name().equals(status) ? digest.getDate("leaseUntil") : null;
		return (at != null) ? at.toInstant() : null;
	}

	private Document stored(CoordinatorDigest digest) {
		Document document = new Document();
		this.mongo.getConverter().write(digest, document);
		return document;
	}

	/**
	 * Every case with a delivery not finished, read at start and by the safety-net scan
	 * through the partial index of those cases, on either store.
	 */
	private Map<String, Instant> scanCases() {
		Map<String, Instant> found = new HashMap<>();
		this.mongo.find(new Query(unfinishedCases()), NotificationCase.class).forEach(known -> {
			Instant at = nextDue(known);
			if (at != null) {
				found.put(known.getId(), at);
			}
		});
		return found;
	}

	/** Every digest not finished, read at start and by the safety-net scan. */
	private Map<String, Instant> scanDigests() {
		Map<String, Instant> found = new HashMap<>();
		this.mongo
			.find(new Query(Criteria.where(DIGEST_STATUS).in(UNFINISHED)), Document.class,
					this.mongo.getCollectionName(CoordinatorDigest.class))
			.forEach(digest -> {
				Instant at = nextDue(digest);
				if (at != null) {
					found.put(digest.getString("_id"), at);
				}
			});
		return found;
	}

	/**
	 * Takes every delivery of a case that is due now, for one sender, once those whose
	 * destination was never confirmed have failed.
	 */
	Optional<Claimed> claim(String caseId, Instant now) {
		return this.aggregates.update(NotificationCase.class, caseId, found -> {
			if (found.isEmpty()) {
				this.cases.schedule(caseId, null);
				return Outcome.unchanged(Optional.empty());
			}
			NotificationCase known = found.get();
			boolean lapsed = known.lapse(now);
			List<Delivery> claimed = known.due(now)
				.stream()
				.flatMap(delivery -> known.claim(delivery.deliveryId(), now, this.settings.lease()).stream())
				.toList();
			if (claimed.isEmpty() && lapsed) {
				return Outcome.save(known, Optional.empty());
			}
			if (claimed.isEmpty()) {
				// Another sender took it, or the list was stale: follow what is stored,
				// read again in order with this instance's saves of it (what this read
				// found may already be older than a save heard meanwhile).
				this.aggregates.announceStored(NotificationCase.class, caseId);
				return Outcome.unchanged(Optional.empty());
			}
			return Outcome.save(known, Optional.of(new Claimed(known, claimed)));
		});
	}

	/** Gives a claimed delivery back, to be taken again later. */
	void release(String caseId, String deliveryId) {
		this.aggregates.updateIfPresent(NotificationCase.class, caseId, known -> {
			known.release(deliveryId);
			return true;
		});
	}

	/**
	 * A sender starts on a delivery it claimed: taken up at once, as the claim saved its
	 * case, with no query and no write (a write fewer a message); after a wait in its
	 * lane, with the case as it is now and its lease renewed.
	 * @param claimedCase the case as the claim saved it
	 * @return empty when a later claim took it over or it must not go any more
	 */
	Optional<NotificationCase> start(NotificationCase claimedCase, Delivery claimed, Instant now) {
		if (claimedCase.goesAsClaimed(claimed, now, this.settings.lease())) {
			return Optional.of(claimedCase);
		}
		String caseId = claimedCase.getId();
		return this.aggregates
			.updateIfPresent(NotificationCase.class, caseId,
					known -> known.start(claimed, now, this.settings.lease()) || cancelled(known, claimed))
			.filter(known -> known.delivery(claimed.deliveryId())
				.filter(delivery -> delivery.status() == DeliveryStatus.SENDING)
				.isPresent());
	}

	private static boolean cancelled(NotificationCase known, Delivery claimed) {
		return known.delivery(claimed.deliveryId())
			.filter(delivery -> delivery.status() == DeliveryStatus.CANCELLED)
			.isPresent();
	}

	/**
	 * Records how a delivery ended, with its attempts. After a passing failure it waits
	 * for its next attempt, until its audience's deadline has passed. Only a sender whose
	 * claim still holds records a failure: one whose lease ran out must not make the
	 * delivery due again under the sender that took it over. A message the provider took
	 * is recorded whoever sent it, so that no later sender sends it again.
	 * @param delivery the delivery as this sender claimed it
	 */
	void finish(String caseId, Delivery delivery, DeliveryResult result, Instant now) {
		DispatchSettings.Retry retry = this.settings.retry();
		this.aggregates.updateIfPresent(NotificationCase.class, caseId, known -> {
			boolean held = delivery.leaseUntil() != null && known.delivery(delivery.deliveryId())
				.filter(current -> current.claimedUntil(delivery.leaseUntil()))
				.isPresent();
			if (!held && result.status() != DeliveryStatus.SENT) {
				return false;
			}
			if (result.status() != DeliveryStatus.PENDING) {
				known.finish(delivery.deliveryId(), result.status(), result.address(), result.reason(),
						result.attemptLog(), result.phoneHash(), now);
			}
			else if (retry.passed(delivery.recordedAt(), now, delivery.audience())) {
				known.finish(delivery.deliveryId(), DeliveryStatus.FAILED, result.address(), RETRY_DEADLINE_PASSED,
						result.attemptLog(), result.phoneHash(), now);
			}
			else {
				known.retry(delivery.deliveryId(), retry.nextAttempt(delivery.recordedAt(), now, delivery.audience()),
						result.attemptLog());
			}
			return true;
		});
	}

	/**
	 * Digests whose morning has come, or whose sender's lease ran out, from the in-memory
	 * due list (no query).
	 */
	List<String> digestsDue(Instant now) {
		return this.digests.due(now, BATCH);
	}

	/** Takes a digest that is due now, for one sender. */
	Optional<CoordinatorDigest> claimDigest(String digestId, Instant now) {
		return this.aggregates.update(CoordinatorDigest.class, digestId, found -> {
			CoordinatorDigest digest = found.orElse(null);
			if (digest == null || !digest.claim(now, this.settings.lease())) {
				// Another sender took it, or the list was stale: follow what is stored.
				if (digest == null || this.aggregates.announceStored(CoordinatorDigest.class, digestId).isEmpty()) {
					this.digests.schedule(digestId, null);
				}
				return Outcome.unchanged(Optional.empty());
			}
			return Outcome.save(digest, Optional.of(digest));
		});
	}

	/**
	 * A sender starts on a digest it claimed, with the digest as it is now.
	 * @return empty when a later claim took it over while it waited in its lane
	 */
	Optional<CoordinatorDigest> startDigest(String digestId, CoordinatorDigest claimed, Instant now) {
		return this.aggregates.updateIfPresent(CoordinatorDigest.class, digestId,
				digest -> digest.start(claimed.leaseUntil(), now, this.settings.lease()));
	}

	/**
	 * Records how a digest ended, or when it is tried again, with its attempts, by the
	 * same rule as a delivery's: only a sender whose claim still holds records a failure
	 * or a retry, and a digest the server took is recorded whoever sent it, once.
	 * @param token the lease's end of this sender's claim, as it started
	 */
	void finishDigest(String digestId, @Nullable Instant token, DeliveryResult result, Instant now) {
		DispatchSettings.Retry retry = this.settings.retry();
		this.aggregates.updateIfPresent(CoordinatorDigest.class, digestId, digest -> {
			if (digest.status().finished() || (!digest.heldBy(token) && result.status() != DeliveryStatus.SENT)) {
				return false;
			}
			if (result.status() != DeliveryStatus.PENDING) {
				digest.finish(result.status(), result.reason(), result.attemptLog());
			}
			else if (retry.passed(digest.firstTriedAt(), now, Audience.COORDINATOR)) {
				digest.finish(DeliveryStatus.FAILED, RETRY_DEADLINE_PASSED, result.attemptLog());
			}
			else {
				digest.retry(retry.nextAttempt(digest.firstTriedAt(), now, Audience.COORDINATOR), result.attemptLog());
			}
			return true;
		});
	}

}

package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.Audience;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The deliveries and digests due now, and every change of their state: each claim,
 * release and outcome is one conditional write of its case or digest.
 */
@Component
class DueDeliveries {

	private static final int BATCH = 50;

	/** Why a delivery that kept failing for passing reasons failed for good. */
	static final String RETRY_DEADLINE_PASSED = "RETRY_DEADLINE_PASSED";

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final DispatchSettings settings;

	DueDeliveries(MongoOperations mongo, Aggregates aggregates, DispatchSettings settings) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.settings = settings;
	}

	/**
	 * The deliveries of one case a sender took, and the case as it was saved.
	 *
	 * @param known the case
	 * @param deliveries the deliveries claimed
	 */
	record Claimed(NotificationCase known, List<Delivery> deliveries) {
	}

	/** Cases with a delivery due now or whose sender's lease ran out. */
	List<String> casesDue(Instant now) {
		Criteria pending = Criteria.where("deliveries")
			.elemMatch(Criteria.where("status").is(DeliveryStatus.PENDING.name()).and("dueAt").lte(now));
		Criteria abandoned = Criteria.where("deliveries")
			.elemMatch(Criteria.where("status").is(DeliveryStatus.SENDING.name()).and("leaseUntil").lte(now));
		Query due = new Query(new Criteria().orOperator(pending, abandoned)).limit(BATCH);
		return this.mongo.find(due, NotificationCase.class).stream().map(NotificationCase::getId).toList();
	}

	/** Takes every delivery of a case that is due now, for one sender. */
	Optional<Claimed> claim(String caseId, Instant now) {
		return this.aggregates.update(NotificationCase.class, caseId, found -> {
			if (found.isEmpty()) {
				return Outcome.unchanged(Optional.empty());
			}
			NotificationCase known = found.get();
			List<Delivery> claimed = known.due(now)
				.stream()
				.flatMap(delivery -> known.claim(delivery.deliveryId(), now, this.settings.lease()).stream())
				.toList();
			return claimed.isEmpty() ? Outcome.unchanged(Optional.empty())
					: Outcome.save(known, Optional.of(new Claimed(known, claimed)));
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
	 * A sender starts on a delivery it claimed, with the case as it is now.
	 * @return empty when a later claim took it over or it must not go any more
	 */
	Optional<NotificationCase> start(String caseId, Delivery claimed, Instant now) {
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
	 * for its next attempt, until its audience's deadline has passed.
	 */
	void finish(String caseId, Delivery delivery, DeliveryResult result, Instant now) {
		DispatchSettings.Retry retry = this.settings.retry();
		this.aggregates.updateIfPresent(NotificationCase.class, caseId, known -> {
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

	/** Digests whose morning has come, or whose sender's lease ran out. */
	List<String> digestsDue(Instant now) {
		Criteria pending = Criteria.where("status").is(DeliveryStatus.PENDING.name()).and("dueAt").lte(now);
		Criteria abandoned = Criteria.where("status").is(DeliveryStatus.SENDING.name()).and("leaseUntil").lte(now);
		return this.mongo.find(new Query(new Criteria().orOperator(pending, abandoned)), CoordinatorDigest.class)
			.stream()
			.map(CoordinatorDigest::getId)
			.toList();
	}

	/** Takes a digest that is due now, for one sender. */
	Optional<CoordinatorDigest> claimDigest(String digestId, Instant now) {
		return this.aggregates.updateIfPresent(CoordinatorDigest.class, digestId,
				digest -> digest.claim(now, this.settings.lease()));
	}

	/** Records how a digest ended, or when it is tried again, with its attempts. */
	void finishDigest(String digestId, DeliveryResult result, Instant now) {
		DispatchSettings.Retry retry = this.settings.retry();
		this.aggregates.updateIfPresent(CoordinatorDigest.class, digestId, digest -> {
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

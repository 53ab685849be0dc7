package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The queue as figures read it: named queries, so that other features never depend on how
 * entries are stored. An organization of null means the whole network; deciding who may
 * read the network's figures is the caller's business. The counts of the predicted start
 * and the heads of the lines come from {@link QueueLines}, in memory.
 */
@Component
public class QueueReadings {

	private final MongoOperations mongo;

	private final QueueLines lines;

	QueueReadings(MongoOperations mongo, QueueLines lines) {
		this.mongo = mongo;
		this.lines = lines;
	}

	/**
	 * How many referrals in the scope wait for therapy and were registered before this
	 * one.
	 */
	public long waitingAhead(@Nullable String organizationId, Instant registeredAt) {
		return this.lines.waitingAhead(organizationId, registeredAt);
	}

	/** How many referrals in the scope had a first session since then. */
	public long countStartedSince(@Nullable String organizationId, Instant since) {
		return this.lines.countStartedSince(organizationId, since);
	}

	/** The referrals in the scope that had a first session since then. */
	public List<QueueEntry> startedSince(@Nullable String organizationId, Instant since) {
		return this.mongo.find(new Query(therapyStartedSince(organizationId, since)), QueueEntry.class);
	}

	/**
	 * The therapies of the scope's referrals that ended after they started (the last one
	 * of each referral): how many, and their lengths in days added up.
	 */
	public EndedTherapies endedTherapies(@Nullable String organizationId) {
		return this.lines.endedTherapies(organizationId);
	}

	/**
	 * Ended therapies.
	 *
	 * @param count how many
	 * @param totalDays their lengths in days, added up
	 */
	public record EndedTherapies(long count, long totalDays) {

		/** Their mean length in days, rounded; none when none ended. */
		public long meanDays() {
			return (this.count > 0) ? Math.round((double) this.totalDays / this.count) : 0;
		}

	}

	/**
	 * The referrals in the scope registered by then that still wait (in one of these
	 * states) or changed state since {@code from}.
	 */
	public List<QueueEntry> waitingOrMovedSince(@Nullable String organizationId, Set<QueueStatus> stillWaiting,
			Instant from, Instant now) {
		Criteria criteria = inScope(organizationId).and("registeredAt")
			.lte(now)
			.orOperator(Criteria.where("status").in(stillWaiting), Criteria.where("stateSince").gte(from));
		return this.mongo.find(new Query(criteria), QueueEntry.class);
	}

	/**
	 * The heads of the lines: in each organization (and among the referrals no
	 * organization holds yet), the clients waiting longest for a place, longest first.
	 * @param length how many of each line
	 */
	public List<QueueEntry> headsOfLines(int length) {
		// A client who moved on since is read as they are now: the check-in decides on
		// it.
		return this.lines.headsOfLines(length)
			.stream()
			.map(id -> this.mongo.findById(id, QueueEntry.class))
			.filter(Objects::nonNull)
			.toList();
	}

	/** How many referrals of the whole network are in this state. */
	public long countIn(QueueStatus status) {
		return this.mongo.count(new Query(Criteria.where("status").is(status)), QueueEntry.class);
	}

	/**
	 * How many referrals of the whole network not yet in therapy were flagged at risk of
	 * passing 60 days of waiting.
	 */
	public long countAtSixtyDayRisk() {
		return this.mongo.count(
				new Query(Criteria.where("status").in(QueueStatus.BEFORE_THERAPY).and("sixtyDayRiskFlagged").is(true)),
				QueueEntry.class);
	}

	private static Criteria therapyStartedSince(@Nullable String organizationId, Instant since) {
		return inScope(organizationId).and("steps").elemMatch(step(StepKind.THERAPY_STARTED).and("at").gte(since));
	}

	private static Criteria step(StepKind what) {
		return Criteria.where("what").is(what.name());
	}

	private static Criteria inScope(@Nullable String organizationId) {
		return (organizationId != null) ? Criteria.where("organizationId").is(organizationId)
				: new Criteria("_id").exists(true);
	}

}

package ca.aiguillage.fhir.task;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The Task projection: one small document per referral (ids, stage, organizations, times;
 * no personal data), each change one atomic update of it.
 */
@Repository
class Tasks {

	static final String COLLECTION = "tasks";

	private final MongoOperations mongo;

	private final Clock clock;

	Tasks(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		// A real MongoDB needs them for the partner's searches; the embedded store scans.
		mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC));
		mongo.indexOps(COLLECTION).createIndex(new Index().on("lastUpdated", Sort.Direction.ASC));
	}

	/**
	 * Records that a referral reached a stage. Events come at least once and in any order
	 * across topics: a stage replaces the current one only if it happened later, so a
	 * redelivered or late event never moves the Task backwards.
	 * @param referralId the referral
	 * @param stage the stage it reached
	 * @param at when
	 * @param partnerId its referring partner, when the event names it
	 * @param organizationId the organization that holds it, when the event names it
	 * @return whether the Task moved to that stage
	 */
	boolean record(String referralId, Stage stage, Instant at, @Nullable String partnerId,
			@Nullable String organizationId) {
		Date when = Date.from(at);
		Update known = new Update().setOnInsert("stageAt", new Date(0));
		if (partnerId != null) {
			known.set("partnerId", partnerId);
		}
		// Submission dates the Task; until it arrives, the first event heard of does.
		if (stage == Stage.RECEIVED) {
			known.set("authoredOn", when);
		}
		else {
			known.setOnInsert("authoredOn", when);
		}
		this.mongo.upsert(query(where("_id").is(referralId)), known, COLLECTION);
		Date now = Date.from(this.clock.instant());
		// The owner before the stage: a Task read between the two writes is never
		// "proposed" without the organization that holds it.
		if (organizationId != null) {
			// The latest proposal's organization holds the referral, whatever stage came
			// later.
			this.mongo.updateFirst(
					query(where("_id").is(referralId)
						.orOperator(where("organizationAt").exists(false), where("organizationAt").lt(when))),
					new Update().set("organizationId", organizationId)
						.set("organizationAt", when)
						.set("lastUpdated", now),
					COLLECTION);
		}
		return this.mongo
			.updateFirst(query(where("_id").is(referralId).and("stageAt").lt(when)),
					new Update().set("stage", stage.name()).set("stageAt", when).set("lastUpdated", now), COLLECTION)
			.getModifiedCount() > 0;
	}

	Optional<Entry> find(String referralId) {
		return Optional.ofNullable(this.mongo.findById(referralId, Document.class, COLLECTION))
			.map(Tasks::entry)
			.filter(entry -> entry.stage() != null);
	}

	/**
	 * The Tasks a search finds, most recently updated first.
	 * @param partnerId only this partner's, or null for all
	 * @param referralId only this referral's, or null
	 * @param organizationId only those this organization holds, or null
	 * @param lastUpdated only those updated in this range, or null
	 * @return the entries
	 */
	List<Entry> search(@Nullable String partnerId, @Nullable String referralId, @Nullable String organizationId,
			@Nullable Criteria lastUpdated) {
		Criteria criteria = where("stage").ne(null);
		if (partnerId != null) {
			criteria = criteria.and("partnerId").is(partnerId);
		}
		if (referralId != null) {
			criteria = criteria.and("_id").is(referralId);
		}
		if (organizationId != null) {
			criteria = criteria.and("organizationId").is(organizationId);
		}
		Query query = new Query(criteria);
		if (lastUpdated != null) {
			query.addCriteria(lastUpdated);
		}
		return this.mongo.find(query.with(Sort.by(Sort.Direction.DESC, "lastUpdated")), Document.class, COLLECTION)
			.stream()
			.map(Tasks::entry)
			.toList();
	}

	private static Entry entry(Document document) {
		String stage = document.getString("stage");
		return new Entry(document.getString("_id"), (stage != null) ? Stage.valueOf(stage) : null,
				document.getString("partnerId"), document.getString("organizationId"),
				document.getDate("authoredOn").toInstant(), document.getDate("stageAt").toInstant(),
				instant(document.getDate("lastUpdated")));
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/**
	 * A referral's Task as projected.
	 *
	 * @param referralId the referral, which is also the Task's and ServiceRequest's id
	 * @param stage where it stands, or null while only events about it that set no stage
	 * arrived
	 * @param partnerId the referring partner, once known
	 * @param organizationId the organization that holds it, once known
	 * @param authoredOn when it was submitted (or first heard of)
	 * @param stageAt when it reached its stage
	 * @param lastUpdated when the projection last changed
	 */
	record Entry(String referralId, @Nullable Stage stage, @Nullable String partnerId, @Nullable String organizationId,
			Instant authoredOn, Instant stageAt, @Nullable Instant lastUpdated) {
	}

}

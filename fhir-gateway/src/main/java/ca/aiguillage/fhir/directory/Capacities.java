package ca.aiguillage.fhir.directory;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import ca.aiguillage.contracts.matching.TherapistChangedV1;
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
 * What matching announced of each therapist: organization, places, free places and what
 * they offer (no name, no contact detail), one document per therapist, each change one
 * atomic update of it.
 */
@Repository
class Capacities {

	static final String COLLECTION = "therapist_capacities";

	private final MongoOperations mongo;

	Capacities(MongoOperations mongo) {
		this.mongo = mongo;
		// A real MongoDB needs it for a partner's search by organization; the embedded
		// store scans.
		mongo.indexOps(COLLECTION).createIndex(new Index().on("organizationId", Sort.Direction.ASC));
	}

	/**
	 * Records a therapist's change. Changes come at least once and in any order: one
	 * replaces what is known only if it happened later, so a late one never brings back
	 * places already taken.
	 * @param change the change
	 */
	void record(TherapistChangedV1 change) {
		Date when = Date.from(change.changedAt());
		this.mongo.upsert(query(where("_id").is(change.therapistId())),
				new Update().setOnInsert("changedAt", new Date(0)), COLLECTION);
		Update update = new Update().set("organizationId", change.organizationId())
			.set("active", change.active())
			.set("places", change.places())
			.set("lowFeePlaces", change.lowFeePlaces())
			.set("freePlaces", change.freePlaces())
			.set("changedAt", when);
		// A change from a matching that does not announce them keeps what is known.
		if (change.languages() != null) {
			update.set("languages", change.languages());
		}
		if (change.approaches() != null) {
			update.set("approaches", change.approaches().stream().map(Enum::name).toList());
		}
		if (change.clienteles() != null) {
			update.set("clienteles", change.clienteles().stream().map(Enum::name).toList());
		}
		if (change.modalities() != null) {
			update.set("modalities", change.modalities().stream().map(Enum::name).toList());
		}
		this.mongo.updateFirst(query(where("_id").is(change.therapistId()).and("changedAt").lt(when)), update,
				COLLECTION);
	}

	/**
	 * The therapists known of the organizations a search names.
	 * @param organizationId only this organization's, or null for all
	 * @return the therapists, by organization
	 */
	List<Therapist> of(@Nullable String organizationId) {
		Criteria criteria = where("organizationId").exists(true);
		if (organizationId != null) {
			criteria = criteria.is(organizationId);
		}
		return this.mongo.find(new Query(criteria).with(Sort.by("organizationId", "_id")), Document.class, COLLECTION)
			.stream()
			.map(Capacities::therapist)
			.toList();
	}

	private static Therapist therapist(Document document) {
		return new Therapist(document.getString("_id"), document.getString("organizationId"),
				document.getBoolean("active", false), document.getInteger("places", 0),
				document.getInteger("lowFeePlaces", 0), document.getInteger("freePlaces", 0),
				document.getDate("changedAt").toInstant(), strings(document, "languages"),
				strings(document, "approaches"), strings(document, "clienteles"), strings(document, "modalities"));
	}

	private static List<String> strings(Document document, String field) {
		List<String> values = document.getList(field, String.class);
		return (values != null) ? values : List.of();
	}

	/**
	 * A therapist as matching last announced them.
	 *
	 * @param id the therapist id
	 * @param organizationId their organization
	 * @param active whether they take new clients
	 * @param places their places for new clients
	 * @param lowFeePlaces how many of them are low-fee
	 * @param freePlaces places not reserved now
	 * @param changedAt when that was announced
	 * @param languages ISO 639-1 codes of their languages
	 * @param approaches codes of their approaches
	 * @param clienteles codes of their clienteles
	 * @param modalities codes of their modalities
	 */
	record Therapist(String id, String organizationId, boolean active, int places, int lowFeePlaces, int freePlaces,
			Instant changedAt, List<String> languages, List<String> approaches, List<String> clienteles,
			List<String> modalities) {
	}

}

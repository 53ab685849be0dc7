package ca.aiguillage.waitlist.admin;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.aiguillage.waitlist.admin.Incident.Change;
import ca.aiguillage.waitlist.admin.Incident.Details;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The incident register, each incident one document with its own history. */
@Component
class Incidents {

	private final MongoOperations mongo;

	private final Clock clock;

	Incidents(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	Incident record(Details details, String by) {
		return this.mongo.insert(new Incident(UUID.randomUUID().toString(), details,
				List.of(new Change(Change.Kind.RECORDED, by, this.clock.instant(), null))));
	}

	/**
	 * Replaces an incident's details, keeping the ones replaced in its history.
	 * @return the incident as edited, or empty when there is none with this id
	 */
	Optional<Incident> edit(String id, Details details, String by) {
		Optional<Incident> current = find(id);
		if (current.isEmpty()) {
			return Optional.empty();
		}
		// Conditional on the details read: an edit made meanwhile is not overwritten
		// unseen.
		Incident edited = this.mongo.findAndModify(
				new Query(Criteria.where("_id").is(id).and("changes").size(current.get().changes().size())),
				new Update().set("details", details)
					.push("changes", new Change(Change.Kind.EDITED, by, this.clock.instant(), current.get().details())),
				FindAndModifyOptions.options().returnNew(true), Incident.class);
		if (edited == null) {
			throw new EditedMeanwhileException();
		}
		return Optional.of(edited);
	}

	Optional<Incident> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Incident.class));
	}

	/** The register, the incident noticed last first. */
	List<Incident> all() {
		return this.mongo.findAll(Incident.class)
			.stream()
			.sorted(Comparator.comparing((Incident incident) -> incident.details().noticedAt()).reversed())
			.toList();
	}

	/** Someone else edited the incident between its reading and this edit. */
	static final class EditedMeanwhileException extends RuntimeException {

	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Coordinators' free-text reasons, which never travel on Kafka: kept beside the queue so
 * that a rebuilt queue still shows them, matched to their step by kind and time.
 */
@Component
public class DecisionNotes {

	private final MongoOperations mongo;

	DecisionNotes(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Keeps the reason of a decision.
	 * @param decided the decision as saved, with the step it recorded
	 * @param decidedBy who decided (a staff account, not a client)
	 */
	public void keep(QueueEntries.Decided decided, String decidedBy) {
		Step step = decided.step();
		if (step.reason() != null) {
			this.mongo.insert(new Note(UUID.randomUUID().toString(), decided.entry().getId(), step.what(), step.at(),
					step.reason(), decidedBy));
		}
	}

	/**
	 * A referral's timeline with every reason, also those a rebuild could not restore.
	 * @return its steps, oldest first
	 */
	List<Step> timeline(QueueEntry entry) {
		List<Note> notes = this.mongo.find(new Query(Criteria.where("referralId").is(entry.getId())), Note.class);
		return entry.steps()
			.stream()
			.map(step -> (step.reason() != null) ? step
					: notes.stream()
						.filter(note -> note.what() == step.what() && note.at().equals(step.at()))
						.findFirst()
						.map(note -> step.withReason(note.reason()))
						.orElse(step))
			.toList();
	}

	@Document("decision_notes")
	record Note(@Id String id, String referralId, StepKind what, Instant at, String reason, String decidedBy) {
	}

}

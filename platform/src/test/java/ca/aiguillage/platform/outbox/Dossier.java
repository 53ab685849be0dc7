package ca.aiguillage.platform.outbox;

import java.time.Instant;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/** An aggregate the size of a referral's document, raising one event per change. */
@Document("dossiers")
class Dossier extends Aggregate {

	private String state;

	private int changes;

	@PersistenceCreator
	Dossier(String id, String state) {
		super(id);
		this.state = state;
	}

	void change(Priority priority) {
		this.changes++;
		raise(new ReprioritisedV1(getId(), priority, Instant.parse("2026-11-21T09:00:00Z")));
	}

	int changes() {
		return this.changes;
	}

}

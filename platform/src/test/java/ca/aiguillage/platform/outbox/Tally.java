package ca.aiguillage.platform.outbox;

import java.time.Instant;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/** An aggregate that counts its changes and raises one contract event per change. */
@Document("tallies")
class Tally extends Aggregate {

	private int count;

	@PersistenceCreator
	Tally(String id) {
		super(id);
	}

	void reprioritise(Priority priority) {
		this.count++;
		raise(new ReprioritisedV1(getId(), priority, Instant.parse("2026-11-21T09:00:00Z")));
	}

	int count() {
		return this.count;
	}

}

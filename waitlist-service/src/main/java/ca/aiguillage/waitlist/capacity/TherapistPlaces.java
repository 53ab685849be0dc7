package ca.aiguillage.waitlist.capacity;

import java.time.Instant;

import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.mapping.Document;

/** One therapist's places, as of matching-service's latest directory change. */
@Document("therapist_places")
class TherapistPlaces extends Aggregate {

	private @Nullable String organizationId;

	private boolean active;

	private int places;

	private int lowFeePlaces;

	private @Nullable Instant changedAt;

	TherapistPlaces(String id) {
		super(id);
	}

	void changed(TherapistChangedV1 change) {
		// Changes to one therapist share a partition, but a replay or a retry may still
		// bring an older one.
		if (this.changedAt != null && change.changedAt().isBefore(this.changedAt)) {
			return;
		}
		this.organizationId = change.organizationId();
		this.active = change.active();
		this.places = change.places();
		this.lowFeePlaces = change.lowFeePlaces();
		this.changedAt = change.changedAt();
	}

	@Nullable String organizationId() {
		return this.organizationId;
	}

	boolean active() {
		return this.active;
	}

	int places() {
		return this.places;
	}

	int lowFeePlaces() {
		return this.lowFeePlaces;
	}

}

package ca.aiguillage.waitlist.capacity;

import java.time.Instant;

import ca.aiguillage.contracts.matching.TherapistChangedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TherapistPlacesTests {

	private static final Instant NOON = Instant.parse("2026-11-02T17:00:00Z");

	@Test
	void laterChangeReplacesThePlaces() {
		TherapistPlaces therapist = new TherapistPlaces("t-1");
		therapist.changed(new TherapistChangedV1("t-1", "org-laval", true, 2, 1, 0, NOON));

		therapist.changed(new TherapistChangedV1("t-1", "org-laval", true, 4, 2, 2, NOON.plusSeconds(60)));

		assertThat(therapist.places()).isEqualTo(4);
		assertThat(therapist.lowFeePlaces()).isEqualTo(2);
	}

	@Test
	void olderChangeArrivingLateDoesNotUndoANewerOne() {
		TherapistPlaces therapist = new TherapistPlaces("t-1");
		therapist.changed(new TherapistChangedV1("t-1", "org-laval", false, 4, 2, 2, NOON));

		therapist.changed(new TherapistChangedV1("t-1", "org-laval", true, 2, 1, 0, NOON.minusSeconds(60)));

		assertThat(therapist.active()).isFalse();
		assertThat(therapist.places()).isEqualTo(4);
	}

}

package ca.aiguillage.matching.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TherapistTests {

	private static final Instant NOW = Instant.parse("2026-11-20T14:03:02Z");

	private static final ProposalMadeV1.Explanation EXPLANATION = new ProposalMadeV1.Explanation(
			List.of("SHARED_LANGUAGE"), Map.of("load", 0.5), 0.5);

	@Test
	void reservationTakesAFreePlace() {
		Therapist therapist = therapist(2, true);

		therapist.reserve("r-1", "p-1", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "09:00", "10:00"), EXPLANATION, NOW);

		assertThat(therapist.freePlaces()).isEqualTo(1);
		assertThat(therapist.reservations())
			.containsExactly(new Reservation("r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"), NOW));
		assertThat(therapist.holdsPlaceFor("r-1")).isTrue();
	}

	@Test
	void referralThatAlreadyHoldsAPlaceKeepsThatOneOnly() {
		Therapist therapist = therapist(2, true);
		therapist.reserve("r-1", "p-1", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "09:00", "10:00"), EXPLANATION, NOW);

		therapist.reserve("r-1", "p-2", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "10:00", "11:00"), EXPLANATION, NOW);

		assertThat(therapist.reservations()).extracting(Reservation::proposalId).containsExactly("p-1");
	}

	@Test
	void therapistWithoutAFreePlaceRefusesAReservation() {
		Therapist therapist = therapist(1, true);
		therapist.reserve("r-1", "p-1", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "09:00", "10:00"), EXPLANATION, NOW);

		assertThatIllegalStateException().isThrownBy(() -> therapist.reserve("r-2", "p-2", Modality.VIDEO,
				slot(DayOfWeek.TUESDAY, "10:00", "11:00"), EXPLANATION, NOW));
		assertThat(therapist.reservations()).hasSize(1);
	}

	@Test
	void inactiveTherapistRefusesAReservation() {
		Therapist therapist = therapist(3, false);

		assertThatIllegalStateException().isThrownBy(() -> therapist.reserve("r-1", "p-1", Modality.VIDEO,
				slot(DayOfWeek.TUESDAY, "09:00", "10:00"), EXPLANATION, NOW));
	}

	@Test
	void slotPromisedToAReservedClientIsNoLongerOpen() {
		Therapist therapist = therapist(3, true);

		therapist.reserve("r-1", "p-1", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "10:00", "11:00"), EXPLANATION, NOW);

		assertThat(therapist.openAvailability()).containsExactly(slot(DayOfWeek.TUESDAY, "09:00", "10:00"),
				slot(DayOfWeek.TUESDAY, "11:00", "12:00"), slot(DayOfWeek.THURSDAY, "18:00", "20:00"));
	}

	@Test
	void newDescriptionKeepsTheReservedPlaces() {
		Therapist therapist = therapist(3, true);
		therapist.reserve("r-1", "p-1", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "09:00", "10:00"), EXPLANATION, NOW);

		therapist.describe(profile(1, true));

		assertThat(therapist.places()).isEqualTo(1);
		assertThat(therapist.freePlaces()).isZero();
		assertThat(therapist.holdsPlaceFor("r-1")).isTrue();
	}

	@Test
	void freePlacesNeverGoBelowZeroWhenPlacesAreLowered() {
		Therapist therapist = therapist(2, true);
		therapist.reserve("r-1", "p-1", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "09:00", "10:00"), EXPLANATION, NOW);
		therapist.reserve("r-2", "p-2", Modality.VIDEO, slot(DayOfWeek.TUESDAY, "10:00", "11:00"), EXPLANATION, NOW);

		therapist.describe(profile(0, true));

		assertThat(therapist.freePlaces()).isZero();
	}

	private static Therapist therapist(int places, boolean active) {
		Therapist therapist = new Therapist("t-1");
		therapist.describe(profile(places, active));
		return therapist;
	}

	private static TherapistProfile profile(int places, boolean active) {
		return new TherapistProfile("org-laval", "Nadia", List.of(Approach.SYSTEMIC), List.of("fr", "ar"),
				List.of(Clientele.ADULT, Clientele.COUPLE), List.of(Modality.VIDEO),
				List.of(slot(DayOfWeek.TUESDAY, "09:00", "12:00"), slot(DayOfWeek.THURSDAY, "18:00", "20:00")), places,
				0, active);
	}

	private static WeeklySlot slot(DayOfWeek day, String start, String end) {
		return new WeeklySlot(day, LocalTime.parse(start), LocalTime.parse(end));
	}

}

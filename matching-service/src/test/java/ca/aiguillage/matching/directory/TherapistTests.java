package ca.aiguillage.matching.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TherapistTests {

	private static final Instant NOW = Instant.parse("2026-11-20T14:03:02Z");

	/**
	 * When the referral holding the place was received: the caseload names it by this.
	 */
	private static final Instant REGISTERED = Instant.parse("2026-11-03T15:00:00Z");

	private static final ProposalMadeV1.Explanation EXPLANATION = new ProposalMadeV1.Explanation(
			List.of("SHARED_LANGUAGE"), Map.of("load", 0.5), 0.5);

	@Test
	void reservationTakesAFreePlace() {
		Therapist therapist = therapist(2, true);

		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		assertThat(therapist.freePlaces()).isEqualTo(1);
		assertThat(therapist.reservations()).containsExactly(
				new Reservation("r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"), NOW, false, "clsc-ahuntsic",
						false, Modality.VIDEO, EXPLANATION, "Psychothérapie Laval", REGISTERED, Priority.B));
		assertThat(therapist.holdsPlaceFor("r-1")).isTrue();
	}

	@Test
	void referralThatAlreadyHoldsAPlaceKeepsThatOneOnly() {
		Therapist therapist = therapist(2, true);
		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		reserve(therapist, "r-1", "p-2", slot(DayOfWeek.TUESDAY, "10:00", "11:00"));

		assertThat(therapist.reservations()).extracting(Reservation::proposalId).containsExactly("p-1");
	}

	@Test
	void therapistWithoutAFreePlaceRefusesAReservation() {
		Therapist therapist = therapist(1, true);
		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		assertThatIllegalStateException()
			.isThrownBy(() -> reserve(therapist, "r-2", "p-2", slot(DayOfWeek.TUESDAY, "10:00", "11:00")));
		assertThat(therapist.reservations()).hasSize(1);
	}

	@Test
	void inactiveTherapistRefusesAReservation() {
		Therapist therapist = therapist(3, false);

		assertThatIllegalStateException()
			.isThrownBy(() -> reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00")));
	}

	@Test
	void slotPromisedToAReservedClientIsNoLongerOpen() {
		Therapist therapist = therapist(3, true);

		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "10:00", "11:00"));

		assertThat(therapist.openAvailability()).containsExactly(slot(DayOfWeek.TUESDAY, "09:00", "10:00"),
				slot(DayOfWeek.TUESDAY, "11:00", "12:00"), slot(DayOfWeek.THURSDAY, "18:00", "20:00"));
	}

	@Test
	void newDescriptionKeepsTheReservedPlaces() {
		Therapist therapist = therapist(3, true);
		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		therapist.describe(profile(1, true), NOW);

		assertThat(therapist.places()).isEqualTo(1);
		assertThat(therapist.freePlaces()).isZero();
		assertThat(therapist.holdsPlaceFor("r-1")).isTrue();
	}

	@Test
	void freePlacesNeverGoBelowZeroWhenPlacesAreLowered() {
		Therapist therapist = therapist(2, true);
		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));
		reserve(therapist, "r-2", "p-2", slot(DayOfWeek.TUESDAY, "10:00", "11:00"));

		therapist.describe(profile(0, true), NOW);

		assertThat(therapist.freePlaces()).isZero();
	}

	@Test
	void lowFeePlacesAreKeptForClientsWhoseFeeNeedsOne() {
		Therapist therapist = new Therapist("t-1");
		therapist.describe(new TherapistProfile("org-laval", "Nadia", List.of(Approach.SYSTEMIC), List.of("fr"),
				List.of(Clientele.ADULT), List.of(Modality.VIDEO), List.of(slot(DayOfWeek.TUESDAY, "09:00", "12:00")),
				2, 1, true), NOW);
		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		assertThat(therapist.canTake(false)).isFalse();
		assertThat(therapist.canTake(true)).isTrue();
		assertThat(therapist.freeLowFeePlaces()).isEqualTo(1);
		assertThat(therapist.freeRegularPlaces()).isZero();
	}

	@Test
	void proposalNamesTheTherapistAndTheOrganizationForMessages() {
		Therapist therapist = therapist(2, true);

		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		assertThat(therapist.raisedEvents()).filteredOn(ProposalMadeV1.class::isInstance)
			.singleElement()
			.satisfies(event -> {
				assertThat(((ProposalMadeV1) event).therapistFirstName()).isEqualTo("Nadia");
				assertThat(((ProposalMadeV1) event).organizationName()).isEqualTo("Psychothérapie Laval");
			});
		assertThat(therapist.raisedEvents()).hasAtLeastOneElementOfType(TherapistChangedV1.class);
	}

	@Test
	void changeAnnouncesFreePlacesWithWhatTheTherapistOffers() {
		Therapist therapist = therapist(2, true);

		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		assertThat(therapist.raisedEvents()).filteredOn(TherapistChangedV1.class::isInstance)
			.last()
			.isEqualTo(new TherapistChangedV1("t-1", "org-laval", true, 2, 0, 1, NOW, List.of("fr", "ar"),
					List.of(Approach.SYSTEMIC), List.of(Clientele.ADULT, Clientele.COUPLE), List.of(Modality.VIDEO)));
	}

	@Test
	void releasedPlaceIsFreeAgainAndAnnouncedWithItsCause() {
		Therapist therapist = therapist(1, true);
		reserve(therapist, "r-1", "p-1", slot(DayOfWeek.TUESDAY, "09:00", "10:00"));

		boolean released = therapist.release("r-1", PlaceReleasedV1.ReleaseReason.DECLINED, NOW);

		assertThat(released).isTrue();
		assertThat(therapist.freePlaces()).isEqualTo(1);
		assertThat(therapist.raisedEvents()).filteredOn(PlaceReleasedV1.class::isInstance)
			.singleElement()
			.extracting(event -> ((PlaceReleasedV1) event).cause())
			.isEqualTo(PlaceReleasedV1.ReleaseReason.DECLINED);
		assertThat(therapist.release("r-1", PlaceReleasedV1.ReleaseReason.DECLINED, NOW)).isFalse();
	}

	private static void reserve(Therapist therapist, String referralId, String proposalId, WeeklySlot slot) {
		therapist.reserve(new Therapist.Hold(referralId, proposalId, false, "clsc-ahuntsic", Modality.VIDEO, slot,
				EXPLANATION, "Psychothérapie Laval", REGISTERED, Priority.B), NOW);
	}

	private static Therapist therapist(int places, boolean active) {
		Therapist therapist = new Therapist("t-1");
		therapist.describe(profile(places, active), NOW);
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

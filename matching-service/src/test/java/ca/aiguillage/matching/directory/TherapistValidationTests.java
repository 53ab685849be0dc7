package ca.aiguillage.matching.directory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TherapistValidationTests {

	private final TherapistValidation validation = new TherapistValidation(Organizations.shipped());

	@Test
	void completeEntryHasNoViolation() {
		assertThat(violations(3, 1, Modality.IN_PERSON, tuesday("09:00", "12:00"))).isEmpty();
	}

	@Test
	void idThatCouldNotTravelInAnEventIsRefused() {
		assertThat(this.validation.violations("t 01", profile(3, 1, Modality.VIDEO, tuesday("09:00", "12:00"))))
			.containsExactly(new FieldViolation("id", "invalid.id"));
	}

	@Test
	void eitherIsAClientsAnswerNotATherapistsModality() {
		assertThat(violations(3, 1, Modality.EITHER, tuesday("09:00", "12:00")))
			.containsExactly(new FieldViolation("modalities[0]", "invalid.modality.either"));
	}

	@Test
	void moreLowFeePlacesThanPlacesAreRefused() {
		assertThat(violations(2, 3, Modality.VIDEO, tuesday("09:00", "12:00")))
			.containsExactly(new FieldViolation("lowFeePlaces", "invalid.lowFeePlaces.exceedsPlaces"));
	}

	@Test
	void overlappingRangesOnOneDayAreRefused() {
		List<WeeklySlot> overlapping = List.of(tuesday("09:00", "12:00").get(0), tuesday("11:00", "13:00").get(0));

		assertThat(violations(2, 0, Modality.VIDEO, overlapping))
			.containsExactly(new FieldViolation("availability[1]", "invalid.slot.overlaps"));
	}

	@Test
	void rangeEndingBeforeItStartsIsRefused() {
		assertThat(violations(2, 0, Modality.VIDEO, tuesday("12:00", "09:00")))
			.containsExactly(new FieldViolation("availability[0]", "invalid.slot.endsBeforeStart"));
	}

	@Test
	void missingAndEmptyFieldsAreEachNamed() {
		TherapistProfile empty = new TherapistProfile(null, " ", List.of(), null, Arrays.asList((Clientele) null), null,
				null, null, null, null);

		assertThat(this.validation.violations("t-01", empty)).extracting(FieldViolation::field)
			.containsExactly("organizationId", "firstName", "approaches", "languages", "clienteles[0]", "modalities",
					"availability", "places", "lowFeePlaces", "active");
	}

	@Test
	void organizationOutsideTheNetworkIsRefused() {
		TherapistProfile elsewhere = new TherapistProfile("org-nowhere", "Karim", List.of(Approach.PSYCHODYNAMIC),
				List.of("fr"), List.of(Clientele.ADULT), List.of(Modality.VIDEO), tuesday("09:00", "12:00"), 1, 0,
				true);

		assertThat(this.validation.violations("t-01", elsewhere))
			.containsExactly(new FieldViolation("organizationId", "invalid.organization.unknown"));
	}

	@Test
	void therapistWithoutALanguageIsRefused() {
		TherapistProfile mute = new TherapistProfile("org-laval", "Karim", List.of(Approach.PSYCHODYNAMIC), List.of(),
				List.of(Clientele.ADULT), List.of(Modality.VIDEO), tuesday("09:00", "12:00"), 1, 0, true);

		assertThat(this.validation.violations("t-01", mute)).extracting(FieldViolation::field)
			.containsExactly("languages");
	}

	@Test
	void negativePlacesAreRefused() {
		assertThat(violations(-1, 0, Modality.VIDEO, tuesday("09:00", "12:00")))
			.contains(new FieldViolation("places", "invalid.negative"));
	}

	@Test
	void listFiltersOutsideTheirRangeAreNamed() {
		assertThat(this.validation.listingViolations(-1, 0, "zz", "HYPNOSIS")).extracting(FieldViolation::field)
			.containsExactly("page", "size", "language", "approach");
		assertThat(this.validation.listingViolations(0, 100, "es", "SYSTEMIC")).isEmpty();
	}

	private List<FieldViolation> violations(int places, int lowFeePlaces, Modality modality,
			List<WeeklySlot> availability) {
		return this.validation.violations("t-01", profile(places, lowFeePlaces, modality, availability));
	}

	private static TherapistProfile profile(int places, int lowFeePlaces, Modality modality,
			List<WeeklySlot> availability) {
		return new TherapistProfile("org-laval", "Karim", List.of(Approach.PSYCHODYNAMIC), List.of("fr", "ar"),
				List.of(Clientele.ADULT), List.of(modality), availability, places, lowFeePlaces, true);
	}

	private static List<WeeklySlot> tuesday(String start, String end) {
		return List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.parse(start), LocalTime.parse(end)));
	}

}

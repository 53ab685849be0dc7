package ca.aiguillage.fhir.directory;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class HealthcareServiceResourceTests {

	private static final Logger log = LoggerFactory.getLogger(HealthcareServiceResourceTests.class);

	private static final Instant NOON = Instant.parse("2026-12-03T17:00:00Z");

	private static final Organizations.Organization LAVAL = new Organizations.Organization("org-laval", "GASM Laval",
			List.of("H7", "J7E"));

	@Test
	void serviceWithAFreePlaceHasCapacityAndIsValid() {
		HealthcareService service = HealthcareServiceResource.of("org-laval",
				List.of(therapist("t-1", true, 2, 1, List.of("fr", "es")), therapist("t-2", true, 1, 0, List.of("ar"))),
				LAVAL);

		assertThat(capacity(service)).isEqualTo("capacity");
		assertThat(notes(service)).isEqualTo("3 place(s) libre(s) maintenant");
		assertThat(service.getCommunication()).extracting(concept -> concept.getCodingFirstRep().getCode())
			.containsExactly("ar", "es", "fr");
		assertThat(service.getCharacteristic()).extracting(concept -> concept.getCodingFirstRep().getCode())
			.containsExactly("SYSTEMIC", "ADULT", "VIDEO");
		assertThat(service.getProvidedBy().getReference()).isEqualTo("Organization/org-laval");
		assertThat(service.getEligibilityFirstRep().getComment()).isEqualTo("1 place(s) à tarif réduit sur 6");
		assertValid(service, "capacity");
	}

	@Test
	void serviceWhoseActiveTherapistsAreAllTakenHasAWaitlist() {
		HealthcareService service = HealthcareServiceResource.of("org-laval",
				List.of(therapist("t-1", true, 0, 0, List.of("fr")), therapist("t-2", false, 3, 0, List.of("en"))),
				LAVAL);

		assertThat(capacity(service)).isEqualTo("waitlist");
		// The inactive therapist's free places and language serve no new client.
		assertThat(service.getCommunication()).extracting(concept -> concept.getCodingFirstRep().getCode())
			.containsExactly("fr");
		assertValid(service, "waitlist");
	}

	@Test
	void serviceWithoutAnActiveTherapistHasNoCapacity() {
		HealthcareService service = HealthcareServiceResource.of("org-laval",
				List.of(therapist("t-1", false, 2, 0, List.of("fr"))), LAVAL);

		assertThat(capacity(service)).isEqualTo("no-capacity");
		assertThat(service.getActive()).isFalse();
		assertValid(service, "no-capacity");
	}

	@Test
	void serviceNamesItsOrganizationAndServesItsPostalAreasAsSentToPartners() {
		String json = FhirFormat.JSON.write(
				HealthcareServiceResource.of("org-laval", List.of(therapist("t-1", true, 2, 1, List.of("fr"))), LAVAL));
		HealthcareService service = Conformance.context().newJsonParser().parseResource(HealthcareService.class, json);

		assertThat(service.getName()).isEqualTo("Psychothérapie – GASM Laval");
		assertThat(service.getProvidedBy().getDisplay()).isEqualTo("GASM Laval");
		assertThat(service.getCoverageArea()).extracting(Reference::getReference)
			.containsExactly("#area-H7", "#area-J7E");
		assertThat(service.getContained()).extracting(resource -> ((Location) resource).getAddress().getPostalCode())
			.containsExactly("H7", "J7E");
		assertValid(service, "a service area and its organization's name");
	}

	@Test
	void serviceOfAnOrganizationMatchingDidNotListIsStillValid() {
		HealthcareService service = HealthcareServiceResource.of("org-laval",
				List.of(therapist("t-1", true, 2, 1, List.of("fr"))), null);

		assertThat(service.getName()).isEqualTo("Psychothérapie");
		assertThat(service.getCoverageArea()).isEmpty();
		assertValid(service, "no organization known");
	}

	private static void assertValid(HealthcareService service, String name) {
		List<SingleValidationMessage> messages = Conformance.load()
			.validator()
			.validateWithResult(service)
			.getMessages();
		long errors = messages.stream()
			.filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.count();
		long warnings = messages.stream()
			.filter(message -> message.getSeverity() == ResultSeverityEnum.WARNING)
			.count();
		log.info("FHIR validator on the HealthcareService with {}: {} error(s), {} warning(s)", name, errors, warnings);
		assertThat(messages)
			.filteredOn(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.isEmpty();
	}

	private static String capacity(HealthcareService service) {
		Extension status = service.getExtensionByUrl(HealthcareServiceResource.CAPACITY_STATUS);
		return ((CodeableConcept) status.getExtensionByUrl("capacityStatus").getValue()).getCodingFirstRep().getCode();
	}

	private static String notes(HealthcareService service) {
		return service.getExtensionByUrl(HealthcareServiceResource.CAPACITY_STATUS)
			.getExtensionByUrl("capacityNotes")
			.getValue()
			.primitiveValue();
	}

	private static Capacities.Therapist therapist(String id, boolean active, int free, int lowFee,
			List<String> languages) {
		return new Capacities.Therapist(id, "org-laval", active, 3, lowFee, free, NOON, languages, List.of("SYSTEMIC"),
				List.of("ADULT"), List.of("VIDEO"));
	}

}

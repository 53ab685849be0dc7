package ca.aiguillage.fhir.intake;

import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.FhirProblem;
import ca.aiguillage.testing.Fixtures;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReferralMappingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void exampleBundleBecomesExactlyThePartnerApiExample() {
		ReferralMapping.Mapped mapped = ReferralMapping.map(example());

		assertThat(mapped.body()).isEqualTo(JSON.readTree(Fixtures.repositoryFile("examples/referral.json")));
	}

	@Test
	void partnerApiFieldsNameTheFhirElementsTheyCameFrom() {
		ReferralMapping.Mapped mapped = ReferralMapping.map(example());

		assertThat(mapped.element("client.dateOfBirth")).isEqualTo("Bundle.entry[1].resource.birthDate");
		assertThat(mapped.element("client.mobilePhone")).isEqualTo("Bundle.entry[1].resource.telecom[1].value");
		assertThat(mapped.element("client.languages[1]"))
			.isEqualTo("Bundle.entry[1].resource.communication[1].language");
		assertThat(mapped.element("consent.sms")).isEqualTo("Bundle.entry[4].resource.provision.type");
		assertThat(mapped.element("needs.availability[1].end")).isEqualTo("Bundle.entry[5].resource.item[5]");
		assertThat(mapped.element("needs.approaches[0]")).isEqualTo("Bundle.entry[5].resource.item[1].answer[0].value");
		assertThat(mapped.element("household.annualIncome"))
			.isEqualTo("Bundle.entry[5].resource.item[6].answer[0].value");
		assertThat(mapped.element("needs.reason")).isEqualTo("Bundle.entry[0].resource.reasonCode[0].text");
		assertThat(mapped.element("priority")).isEqualTo("Bundle.entry[0].resource.priority");
	}

	@Test
	void sameIdentifierGivesTheSameIdempotencyKeyAndAnotherGivesAnother() {
		Bundle other = example();
		((ServiceRequest) other.getEntry().get(0).getResource()).getIdentifierFirstRep().setValue("CLSC-AHU-2026-0143");

		assertThat(ReferralMapping.map(example()).idempotencyKey())
			.isEqualTo(ReferralMapping.map(example()).idempotencyKey())
			.hasSizeLessThanOrEqualTo(100)
			.isNotEqualTo(ReferralMapping.map(other).idempotencyKey());
	}

	@Test
	void bcp47TagsBecomeTheirLanguageAndPreferredComesFirst() {
		Bundle bundle = example();
		Patient patient = (Patient) bundle.getEntry().get(1).getResource();
		patient.getCommunication().get(0).setPreferred(false).getLanguage().getCodingFirstRep().setCode("fr-CA");
		patient.getCommunication().get(1).setPreferred(true);

		ReferralMapping.Mapped mapped = ReferralMapping.map(bundle);

		assertThat(mapped.body().path("client").path("preferredLanguage").asString()).isEqualTo("es");
		assertThat(mapped.body().path("client").path("languages").toString()).isEqualTo("[\"fr\",\"es\"]");
	}

	@Test
	void withdrawnConsentIsNoConsent() {
		Bundle bundle = example();
		((org.hl7.fhir.r4.model.Consent) bundle.getEntry().get(3).getResource())
			.setStatus(org.hl7.fhir.r4.model.Consent.ConsentState.INACTIVE);

		assertThat(ReferralMapping.map(bundle).body().path("consent").path("email").asBoolean()).isFalse();
	}

	@Test
	void bundleWithoutPatientOrIdentifierIsRefusedNamingWhatIsMissing() {
		Bundle noPatient = example();
		noPatient.getEntry().remove(1);
		Bundle noIdentifier = example();
		((ServiceRequest) noIdentifier.getEntry().get(0).getResource()).getIdentifier().clear();

		assertThatExceptionOfType(FhirProblem.class).isThrownBy(() -> ReferralMapping.map(noPatient))
			.satisfies(problem -> assertThat(problem.issues()).extracting(FhirProblem.Issue::expression)
				.containsExactly("Bundle.entry.resource.ofType(Patient)"));
		assertThatExceptionOfType(FhirProblem.class).isThrownBy(() -> ReferralMapping.map(noIdentifier))
			.satisfies(problem -> assertThat(problem.issues()).extracting(FhirProblem.Issue::expression)
				.containsExactly("Bundle.entry[0].resource.identifier"));
	}

	static Bundle example() {
		return FhirFormat.JSON.read(Bundle.class, Fixtures.repositoryFile("examples/fhir/referral-bundle.json"));
	}

}

package ca.aiguillage.fhir.conformance;

import java.util.List;
import java.util.Locale;

import ca.aiguillage.testing.Fixtures;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The examples we publish and the resources we emit, through the FHIR validator. */
class ConformanceTests {

	private static final Logger log = LoggerFactory.getLogger(ConformanceTests.class);

	static Validation validation;

	@BeforeAll
	static void loadTheValidatorOnce() {
		validation = new Validation(Conformance.load());
	}

	@Test
	void referralBundleExampleIsValid() {
		Bundle bundle = FhirFormat.JSON.read(Bundle.class,
				Fixtures.repositoryFile("examples/fhir/referral-bundle.json"));

		assertThat(errors("examples/fhir/referral-bundle.json", bundle)).isEmpty();
	}

	@Test
	void referralBundleExampleIsValidAsXmlToo() {
		Bundle bundle = FhirFormat.JSON.read(Bundle.class,
				Fixtures.repositoryFile("examples/fhir/referral-bundle.json"));
		Bundle asXml = FhirFormat.XML.read(Bundle.class, FhirFormat.XML.write(bundle));

		assertThat(errors("referral-bundle.json as XML", asXml)).isEmpty();
	}

	@Test
	void taskCancellationExampleIsValid() {
		Task task = FhirFormat.JSON.read(Task.class, Fixtures.repositoryFile("examples/fhir/task-cancel.json"));

		assertThat(errors("examples/fhir/task-cancel.json", task)).isEmpty();
	}

	@Test
	void publishedQuestionnaireAndCodeSystemsAreValid() {
		List<IBaseResource> published = Conformance.load().published();

		assertThat(published).hasSize(6);
		for (IBaseResource resource : published) {
			assertThat(errors(resource.getIdElement().getValue(), resource)).isEmpty();
		}
	}

	@Test
	void capabilityStatementIsValid() {
		CapabilityStatement statement = CapabilityController.statement();

		assertThat(errors("CapabilityStatement", statement)).isEmpty();
	}

	@Test
	void answerOfAnotherTypeThanTheQuestionnaireAsksIsAnError() {
		// The annual income is an integer item of our Questionnaire, found by its
		// versioned canonical.
		String json = Fixtures.repositoryFile("examples/fhir/referral-bundle.json")
			.replace("\"valueInteger\": 24000", "\"valueString\": \"24000\"");
		Bundle bundle = FhirFormat.JSON.read(Bundle.class, json);

		assertThat(validation.errors(bundle)).extracting(SingleValidationMessage::getLocationString)
			.anyMatch(location -> location.contains("entry[5]") && location.contains("item"));
	}

	@Test
	void answerToAnInvalidBundleNamesTheFailingElement() {
		String json = Fixtures.repositoryFile("examples/fhir/referral-bundle.json")
			.replace("\"code\": \"ADULT\"", "\"code\": \"ELDERLY\"");
		Bundle bundle = FhirFormat.JSON.read(Bundle.class, json);

		assertThat(validation.errors(bundle)).extracting(SingleValidationMessage::getLocationString)
			.anyMatch(location -> location.contains("QuestionnaireResponse") || location.contains("entry[5]"));
	}

	@Test
	void operationOutcomeOfARefusalIsValid() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("fhir.not-found", Locale.FRENCH, "Aucune ressource de ce type ne porte cet identifiant.");
		LocaleContextHolder.setLocale(Locale.FRENCH);
		OperationOutcome outcome = new OperationOutcomes(messages)
			.outcome(List.of(FhirProblem.Issue.of(IssueType.NOTFOUND, null, "fhir.not-found"),
					FhirProblem.Issue.text(IssueType.INVALID, "Bundle.entry[1].resource.birthDate",
							"La date de naissance doit être passée.")));

		LocaleContextHolder.resetLocaleContext();

		assertThat(errors("OperationOutcome", outcome)).isEmpty();
		assertThat(outcome.getIssueFirstRep().getDetails().getText())
			.isEqualTo("Aucune ressource de ce type ne porte cet identifiant.");
	}

	@Test
	void malformedValueIsRefusedRatherThanLoggedAndSkipped() {
		String json = Fixtures.repositoryFile("examples/fhir/referral-bundle.json")
			.replace("\"birthDate\": \"1991-04-12\"", "\"birthDate\": \"12 avril 1991\"");

		assertThatExceptionOfType(DataFormatException.class).isThrownBy(() -> FhirFormat.JSON.read(Bundle.class, json));
	}

	static List<SingleValidationMessage> errors(String name, IBaseResource resource) {
		List<SingleValidationMessage> errors = validation.errors(resource);
		log.info("FHIR validator on {}: {} error(s) {}", name, errors.size(),
				errors.stream().map(m -> m.getLocationString() + " " + m.getMessage()).toList());
		return errors;
	}

}

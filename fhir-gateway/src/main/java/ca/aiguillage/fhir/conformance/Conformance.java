package ca.aiguillage.fhir.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The FHIR R4 context and the resources we publish (our Questionnaire and CodeSystems),
 * with a validator that knows them: the base R4 profiles, common terminologies, and ours.
 */
public final class Conformance {

	/** The canonical base of the resources we publish. */
	public static final String BASE = "https://aiguillage.example.org/fhir";

	/** The referral needs Questionnaire that a QuestionnaireResponse answers. */
	public static final String QUESTIONNAIRE = BASE + "/Questionnaire/referral-needs";

	/** The system of a referral's Task business status. */
	public static final String REFERRAL_STATUS = BASE + "/CodeSystem/referral-status";

	/** The system of what a Consent is about. */
	public static final String CONSENT_KIND = BASE + "/CodeSystem/consent-kind";

	/** The system of the partner ids a Task names its requester with. */
	public static final String PARTNER_ID = BASE + "/partner-id";

	private static final FhirContext CONTEXT = strict(FhirContext.forR4());

	private final List<IBaseResource> published;

	private final FhirValidator validator;

	// The R5 elements our R4 resources carry as cross-version extensions (the
	// Subscriptions Backport's topic), in the validator's own format: without them it
	// knows no version-5.0 extension and refuses each one.
	private static final String R5_ELEMENTS = "xver-paths-5.0.json";

	private Conformance(List<IBaseResource> published, byte[] r5Elements) {
		this.published = published;
		PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CONTEXT);
		published.forEach(ours::addResource);
		ours.addBinary(r5Elements, R5_ELEMENTS);
		// A code of a system no server here knows (SNOMED CT) is a warning, not an error.
		UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(
				CONTEXT);
		unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CONTEXT),
				new CommonCodeSystemsTerminologyService(CONTEXT),
				new InMemoryTerminologyServerValidationSupport(CONTEXT), ours, new Questionnaires(published),
				unknownSystems);
		this.validator = CONTEXT.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
	}

	/**
	 * Loads our published resources from the classpath and builds the validator (a few
	 * seconds: it reads every R4 profile once).
	 * @return the conformance
	 */
	public static Conformance load() {
		try {
			List<IBaseResource> published = new ArrayList<>();
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:fhir/*.json")) {
				try (InputStream in = resource.getInputStream()) {
					published.add(CONTEXT.newJsonParser()
						.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
			try (InputStream r5Elements = new ClassPathResource("fhir-xver/" + R5_ELEMENTS).getInputStream()) {
				return new Conformance(List.copyOf(published), r5Elements.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A small Bundle holding each type a referral holds, to load their profiles.
	 * @return the Bundle
	 */
	static Bundle warmUp() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (org.hl7.fhir.r4.model.Resource resource : List.of(new ServiceRequest(), new Patient(), new Consent(),
				new QuestionnaireResponse(), new Task(), new HealthcareService())) {
			bundle.addEntry().setResource(resource);
		}
		return bundle;
	}

	private static FhirContext strict(FhirContext context) {
		// The lenient default logs a malformed value (a birth date, a name) and goes on:
		// refuse the body instead, so nothing personal reaches the logs.
		context.setParserErrorHandler(new StrictErrorHandler());
		return context;
	}

	public static FhirContext context() {
		return CONTEXT;
	}

	public List<IBaseResource> published() {
		return this.published;
	}

	public FhirValidator validator() {
		return this.validator;
	}

	/**
	 * Our Questionnaire, found by its canonical with or without {@code |version}: the
	 * pre-populated support holds only profiles and terminology, and without it the
	 * validator checks no answer of a QuestionnaireResponse against it.
	 */
	private static final class Questionnaires implements IValidationSupport {

		private final List<IBaseResource> published;

		Questionnaires(List<IBaseResource> published) {
			this.published = published;
		}

		@Override
		public FhirContext getFhirContext() {
			return CONTEXT;
		}

		@Override
		public <T extends IBaseResource> @Nullable T fetchResource(@Nullable Class<T> type, String url) {
			if (type != null && !type.isAssignableFrom(Questionnaire.class)) {
				return null;
			}
			String canonical = url.split("\\|")[0];
			for (IBaseResource resource : this.published) {
				if (resource instanceof Questionnaire questionnaire && canonical.equals(questionnaire.getUrl())) {
					@SuppressWarnings("unchecked")
					T found = (T) questionnaire;
					return found;
				}
			}
			return null;
		}

	}

}

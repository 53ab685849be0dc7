package ca.aiguillage.fhir.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * What the gateway publishes (Questionnaire, CodeSystems, CapabilityStatement) and its
 * OperationOutcomes in French and English, for the validator.
 */
public final class ConformanceSamples {

	private ConformanceSamples() {
	}

	public static Map<String, IBaseResource> all() {
		Map<String, IBaseResource> resources = new LinkedHashMap<>();
		for (IBaseResource published : Conformance.load().published()) {
			resources.put("`" + published.fhirType() + "/" + published.getIdElement().getIdPart() + "`", published);
		}
		resources.put("`CapabilityStatement` (`/fhir/metadata`)", CapabilityController.statement());
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("fhir-gateway-messages", "aiguillage-platform-messages");
		messages.setDefaultEncoding("UTF-8");
		for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
			LocaleContextHolder.setLocale(locale);
			resources.put("`OperationOutcome` of a refused Bundle (" + locale.getLanguage() + ")",
					new OperationOutcomes(messages)
						.outcome(List.of(FhirProblem.Issue.of(IssueType.NOTFOUND, null, "fhir.not-found"),
								FhirProblem.Issue.text(IssueType.INVALID, "Bundle.entry[1].resource.birthDate",
										"La date de naissance doit être passée."))));
		}
		LocaleContextHolder.resetLocaleContext();
		return resources;
	}

}

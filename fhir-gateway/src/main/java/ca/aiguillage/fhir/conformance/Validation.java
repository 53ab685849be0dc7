package ca.aiguillage.fhir.conformance;

import java.util.List;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import org.springframework.stereotype.Component;

/**
 * Every resource that comes in is checked by the FHIR validator (R4's profiles and
 * invariants, terminologies, our Questionnaire) before anything else reads it.
 */
@Component
public class Validation {

	private final Conformance conformance;

	public Validation(Conformance conformance) {
		this.conformance = conformance;
	}

	/**
	 * The validator's errors on a resource.
	 * @param resource the resource
	 * @return its errors and fatal issues, empty when valid
	 */
	public List<SingleValidationMessage> errors(IBaseResource resource) {
		return this.conformance.validator()
			.validateWithResult(resource)
			.getMessages()
			.stream()
			.filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.toList();
	}

	/**
	 * Refuses a resource that is not valid FHIR.
	 * @param resource the resource
	 * @throws FhirProblem naming each failing element
	 */
	public void require(IBaseResource resource) {
		List<FhirProblem.Issue> issues = errors(resource).stream()
			.map(message -> new FhirProblem.Issue(IssueType.INVALID, message.getLocationString(), "fhir.invalid", null,
					message.getMessage()))
			.toList();
		if (!issues.isEmpty()) {
			throw new FhirProblem(400, issues);
		}
	}

}

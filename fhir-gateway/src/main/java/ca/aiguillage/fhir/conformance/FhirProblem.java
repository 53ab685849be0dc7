package ca.aiguillage.fhir.conformance;

import java.util.List;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;

/**
 * A request the gateway refuses, answered with an OperationOutcome naming each failing
 * element.
 */
public class FhirProblem extends RuntimeException {

	private final int status;

	private final List<Issue> issues;

	private final @Nullable String retryAfter;

	public FhirProblem(int status, List<Issue> issues) {
		this(status, issues, null);
	}

	/**
	 * @param status the HTTP status
	 * @param issues the failing elements
	 * @param retryAfter the {@code Retry-After} to answer with, or null for none
	 */
	public FhirProblem(int status, List<Issue> issues, @Nullable String retryAfter) {
		super("FHIR request refused with " + status + ": " + issues.size() + " issue(s)");
		this.status = status;
		this.issues = List.copyOf(issues);
		this.retryAfter = retryAfter;
	}

	public FhirProblem(int status, Issue issue) {
		this(status, List.of(issue));
	}

	public int status() {
		return this.status;
	}

	public List<Issue> issues() {
		return this.issues;
	}

	public @Nullable String retryAfter() {
		return this.retryAfter;
	}

	/**
	 * One failing element.
	 *
	 * @param type the FHIR issue type
	 * @param expression the FHIRPath of the element, or null for the whole request
	 * @param messageKey the message in the gateway's bundle, or null when text is given
	 * @param text a message already in the caller's language, or null
	 * @param diagnostics the FHIR validator's own words, or null
	 */
	public record Issue(IssueType type, @Nullable String expression, @Nullable String messageKey, @Nullable String text,
			@Nullable String diagnostics) {

		public static Issue of(IssueType type, @Nullable String expression, String messageKey) {
			return new Issue(type, expression, messageKey, null, null);
		}

		public static Issue text(IssueType type, @Nullable String expression, String text) {
			return new Issue(type, expression, null, text, null);
		}

	}

}

package ca.aiguillage.fhir.conformance;

import java.util.List;
import java.util.Locale;

import ca.uhn.fhir.parser.DataFormatException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors on the FHIR endpoints as OperationOutcomes (in French, or English on
 * {@code Accept-Language: en}), in the format the caller asked for.
 */
@RestControllerAdvice(basePackages = "ca.aiguillage.fhir")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OperationOutcomes {

	private final MessageSource messages;

	public OperationOutcomes(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ResponseEntity<String> refused(FhirProblem problem, HttpServletRequest request) {
		ResponseEntity<String> answer = format(request).answer(problem.status(), outcome(problem.issues()));
		String retryAfter = problem.retryAfter();
		return (retryAfter == null) ? answer
				: ResponseEntity.status(answer.getStatusCode())
					.headers(answer.getHeaders())
					.header(HttpHeaders.RETRY_AFTER, retryAfter)
					.body(answer.getBody());
	}

	@ExceptionHandler
	ResponseEntity<String> unreadable(DataFormatException ex, HttpServletRequest request) {
		// The parser's message names the element and may quote a value: not repeated.
		return refused(new FhirProblem(400, FhirProblem.Issue.of(IssueType.STRUCTURE, null, "fhir.unreadable")),
				request);
	}

	/**
	 * An OperationOutcome of issues, each an error in the request's language.
	 * @param issues the issues
	 * @return the outcome
	 */
	public OperationOutcome outcome(List<FhirProblem.Issue> issues) {
		OperationOutcome outcome = new OperationOutcome();
		for (FhirProblem.Issue issue : issues) {
			OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(issue.type())
				.setDiagnostics((issue.diagnostics() != null) ? issue.diagnostics() : text(issue));
			component.getDetails().setText(text(issue));
			if (issue.expression() != null) {
				component.addExpression(issue.expression());
			}
		}
		return outcome;
	}

	/**
	 * A message of the gateway's bundle in the request's language.
	 * @param key the message key
	 * @return the message
	 */
	public String message(String key) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(key, null, key, locale);
	}

	private String text(FhirProblem.Issue issue) {
		return (issue.text() != null) ? issue.text() : message(issue.messageKey());
	}

	private static FhirFormat format(HttpServletRequest request) {
		return FhirFormat.of(request.getParameter("_format"), request.getHeader("Accept"));
	}

}

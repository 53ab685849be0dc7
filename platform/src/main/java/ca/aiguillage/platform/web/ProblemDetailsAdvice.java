package ca.aiguillage.platform.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns errors into RFC 9457 problem details whose title, detail and field messages
 * follow the request's {@code Accept-Language} (French by default). Bodies name fields
 * and rules, never the values received, and never whether another tenant's resource
 * exists.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private final MessageSource messages;

	public ProblemDetailsAdvice(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request");
		problem.setProperty("errors", errors(ex.violations()));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(UnavailableException ex) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
		Duration retryAfter = ex.retryAfter();
		if (retryAfter != null) {
			// Whole seconds, never 0: a client told 0 would ask again at once.
			answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		}
		return answer.body(problem(HttpStatus.SERVICE_UNAVAILABLE, ex.key()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-body");
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = path(jackson);
			String code = (jackson instanceof UnrecognizedPropertyException) ? "unknown.field" : "invalid.type";
			problem.setProperty("errors", errors(List.of(new FieldViolation(field, code))));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		// Spring 7 leaves the type of its own problems unset (null), earlier versions
		// "about:blank": either way it is one of Spring MVC's, to be put in words.
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || problem.getType().equals(URI.create("about:blank")))) {
			String key = "status-" + statusCode.value();
			problem.setTitle(message("problem." + key + ".title", problem.getTitle()));
			problem.setDetail(message("problem." + key + ".detail", problem.getDetail()));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private ProblemDetail problem(HttpStatus status, String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message("problem." + key + ".detail", null));
		problem.setType(URI.create("urn:ca:aiguillage:problem:" + key));
		problem.setTitle(message("problem." + key + ".title", status.getReasonPhrase()));
		return problem;
	}

	private List<Map<String, String>> errors(List<FieldViolation> violations) {
		return violations.stream()
			.map(violation -> Map.of("field", violation.field(), "code", violation.code(), "message",
					message("field." + violation.code(), violation.code())))
			.collect(Collectors.toList());
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private @Nullable String message(String code, @Nullable String fallback) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(code, null, fallback, locale);
	}

}

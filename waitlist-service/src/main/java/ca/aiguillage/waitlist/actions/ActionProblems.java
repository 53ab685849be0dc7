package ca.aiguillage.waitlist.actions;

import java.net.URI;
import java.util.Locale;

import ca.aiguillage.waitlist.queue.ActionNotAllowedException;
import ca.aiguillage.waitlist.queue.RevisionConflictException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refused actions as RFC 9457 problem details in the caller's language: 409 naming the
 * current state, 409 when someone else acted first, 428 without {@code If-Match}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActionProblems {

	private final MessageSource messages;

	ActionProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notAllowed(ActionNotAllowedException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		String state = this.messages.getMessage("status." + ex.current().name(), null, ex.current().name(), locale);
		String action = this.messages.getMessage("action." + ex.action().path(), null, ex.action().path(), locale);
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "invalid-state", action, state);
		problem.setProperty("currentState", ex.current().name());
		problem.setProperty("action", ex.action().path());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> conflict(RevisionConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "revision-conflict", ex.current());
		problem.setProperty("currentRevision", ex.current());
		return ResponseEntity.status(HttpStatus.CONFLICT).eTag("\"" + ex.current() + "\"").body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> revisionRequired(RevisionRequiredException ex) {
		return ResponseEntity.status(HttpStatus.PRECONDITION_REQUIRED)
			.body(problem(HttpStatus.PRECONDITION_REQUIRED, "revision-required"));
	}

	private ProblemDetail problem(HttpStatus status, String key, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				this.messages.getMessage("problem." + key + ".detail", args, key, locale));
		problem.setType(URI.create("urn:ca:aiguillage:problem:" + key));
		problem.setTitle(this.messages.getMessage("problem." + key + ".title", null, status.getReasonPhrase(), locale));
		return problem;
	}

}

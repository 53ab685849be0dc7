package ca.aiguillage.referral.intake;

import java.net.URI;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The intake's own problem details, in the request's language like the platform's (French
 * by default).
 */
@RestControllerAdvice
class IntakeProblems {

	private final MessageSource messages;

	IntakeProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ProblemDetail idempotencyConflict(IdempotencyConflictException ex) {
		String key = "problem.idempotency-conflict";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.messages.getMessage(key + ".detail", null, LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:ca:aiguillage:problem:idempotency-conflict"));
		problem.setTitle(this.messages.getMessage(key + ".title", null, LocaleContextHolder.getLocale()));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail stateConflict(StateConflictException ex) {
		String key = "problem.state-conflict";
		String status = this.messages.getMessage("status." + ex.current().name(), null, ex.current().name(),
				LocaleContextHolder.getLocale());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.messages.getMessage(key + ".detail", new Object[] { status }, LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:ca:aiguillage:problem:state-conflict"));
		problem.setTitle(this.messages.getMessage(key + ".title", null, LocaleContextHolder.getLocale()));
		problem.setProperty("currentStatus", ex.current().name());
		return problem;
	}

}

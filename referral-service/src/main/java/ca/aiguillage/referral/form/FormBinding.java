package ca.aiguillage.referral.form;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A page's referral form is bound through its constructor only, and a posted list index
 * out of range (which Spring's constructor binding cannot place) is a bad request, not a
 * server error.
 */
@ControllerAdvice(basePackages = { "ca.aiguillage.referral.portal", "ca.aiguillage.referral.selfreferral" })
class FormBinding {

	@InitBinder("form")
	void bindThroughTheConstructorOnly(WebDataBinder binder) {
		// Setter binding after construction would walk any posted path, such as
		// client.languages[-1].
		binder.setDeclarativeBinding(true);
	}

	@ExceptionHandler(IndexOutOfBoundsException.class)
	void refuseAnIndexOutOfRange(HttpServletResponse response) throws IOException {
		// Such as needs.availability[100000].day: no form shows that many rows.
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}

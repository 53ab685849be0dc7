package ca.aiguillage.platform.web.errors;

import java.util.List;

import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns what a page's handler refused (an unknown referral, a bad parameter, another
 * organization's data) into its status, so that the person gets the error page instead of
 * the API's problem JSON. API calls and requests that do not ask for HTML are left to the
 * problem details.
 */
class PageExceptions implements HandlerExceptionResolver, Ordered {

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!wantsPage(request, request.getRequestURI().substring(request.getContextPath().length()))) {
			return null;
		}
		int status = statusOf(ex);
		if (status == 0) {
			// Anything else is a 500, which the servlet container sends to the error
			// page.
			return null;
		}
		try {
			response.sendError(status);
		}
		catch (java.io.IOException sendFailed) {
			return null;
		}
		return new ModelAndView();
	}

	private static int statusOf(Exception ex) {
		return switch (ex) {
			case NotFoundException notFound -> 404;
			case AccessDeniedException denied -> 403;
			case InvalidRequestException invalid -> 400;
			case TypeMismatchException mismatch -> 400;
			case ServletRequestBindingException binding -> 400;
			case ErrorResponse known -> known.getStatusCode().value();
			default -> 0;
		};
	}

	/**
	 * Whether a person's browser asked for this: a page, not an API call, accepting HTML.
	 * @param path the path asked for, without the context path
	 */
	static boolean wantsPage(HttpServletRequest request, String path) {
		if (path.equals("/api") || path.startsWith("/api/")) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		try {
			List<MediaType> accepted = MediaType.parseMediaTypes(accept);
			return accepted.stream()
				.anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML)
						|| type.equalsTypeAndSubtype(MediaType.APPLICATION_XHTML_XML));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

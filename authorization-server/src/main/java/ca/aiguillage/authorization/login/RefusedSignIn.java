package ca.aiguillage.authorization.login;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the sign-in page after a refused sign-in, keeping in the person's own session
 * the username they typed (never the password) so that they only retype the password.
 */
final class RefusedSignIn implements AuthenticationFailureHandler {

	static final String USERNAME = RefusedSignIn.class.getName() + ".username";

	// Longer names are no one's: keeping them would let a client grow its session.
	private static final int LONGEST_USERNAME = 200;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		refuse(request, response, "error");
	}

	/**
	 * Sends the person back to the sign-in page with the given reason.
	 * @param request the sign-in request
	 * @param response its response
	 * @param reason the query parameter the page explains ({@code error} or
	 * {@code throttled})
	 * @throws IOException when the redirect cannot be sent
	 */
	void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		String username = typed(request);
		if (username != null) {
			request.getSession().setAttribute(USERNAME, username);
		}
		this.redirects.sendRedirect(request, response, "/login?" + reason);
	}

	static @Nullable String typed(HttpServletRequest request) {
		String username = request.getParameter("username");
		if (username == null || username.isBlank() || username.length() > LONGEST_USERNAME) {
			return null;
		}
		return username.strip();
	}

}

package ca.aiguillage.authorization.login;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form's throttling: an attempt that must wait is refused before its password
 * is checked (so a guess during a lockout learns nothing), a failure is counted, a
 * success clears its username's count.
 */
final class ThrottledSignIns extends OncePerRequestFilter
		implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

	private final LoginThrottle throttle;

	private final RefusedSignIn refused = new RefusedSignIn();

	private final AuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();

	ThrottledSignIns(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.throttle.waitUntil(username(request), request.getRemoteAddr()).isPresent()) {
			this.refused.refuse(request, response, "throttled");
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		this.throttle.failed(username(request), request.getRemoteAddr());
		this.refused.onAuthenticationFailure(request, response, exception);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.throttle.succeeded(authentication.getName());
		this.signedIn.onAuthenticationSuccess(request, response, authentication);
	}

	private static String username(HttpServletRequest request) {
		String username = request.getParameter("username");
		return (username != null) ? username : "";
	}

}

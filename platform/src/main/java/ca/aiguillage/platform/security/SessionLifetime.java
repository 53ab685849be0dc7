package ca.aiguillage.platform.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session when its sign-in does ({@link SignedInPeople#SESSION_ENDS_AT}), or
 * as soon as the provider ended it ({@link EndedSignIns}): the session is dropped before
 * the request is authorized, so the person is sent to sign in again and gets the roles
 * and tenant of a new token, never those of an old one.
 */
final class SessionLifetime extends OncePerRequestFilter {

	private final Clock clock;

	private final EndedSignIns endedByProvider;

	SessionLifetime(Clock clock) {
		this(clock, new EndedSignIns(clock));
	}

	SessionLifetime(Clock clock, EndedSignIns endedByProvider) {
		this.clock = clock;
		this.endedByProvider = endedByProvider;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn != null && signedIn.getPrincipal() instanceof OidcUser person && ended(person)) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			if (request.getHeader("HX-Request") != null) {
				// A part of a page that htmx fetches: the whole page reloads and signs in
				// again.
				response.setHeader("HX-Refresh", "true");
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	// A sign-in without an end (made before ends were recorded) has ended too.
	private boolean ended(OidcUser person) {
		Instant endsAt = person.getClaimAsInstant(SignedInPeople.SESSION_ENDS_AT);
		return endsAt == null || !this.clock.instant().isBefore(endsAt) || this.endedByProvider.ended(person);
	}

}

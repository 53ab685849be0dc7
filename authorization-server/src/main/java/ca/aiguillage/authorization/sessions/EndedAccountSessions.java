package ca.aiguillage.authorization.sessions;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ca.aiguillage.authorization.accounts.SuspendedAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * This server's own sign-in sessions of an account whose sessions an administrator ended,
 * or that is suspended: dropped at their next request, so that the person must give their
 * password again, and cannot while suspended.
 */
public final class EndedAccountSessions extends OncePerRequestFilter {

	private final SuspendedAccounts suspended;

	private final Map<String, Instant> endedAt = new ConcurrentHashMap<>();

	EndedAccountSessions(SuspendedAccounts suspended) {
		this.suspended = suspended;
	}

	void end(String username) {
		this.endedAt.put(username, Instant.now());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (signedIn instanceof UsernamePasswordAuthenticationToken && session != null && ended(signedIn, session)) {
			session.invalidate();
			SecurityContextHolder.clearContext();
		}
		chain.doFilter(request, response);
	}

	// The session began before the sign-in, which changed its id but kept its creation
	// time: one created before the end belongs to a sign-in that ended.
	private boolean ended(Authentication signedIn, HttpSession session) {
		Instant end = this.endedAt.get(signedIn.getName());
		return this.suspended.isSuspended(signedIn.getName())
				|| (end != null && !Instant.ofEpochMilli(session.getCreationTime()).isAfter(end));
	}

}

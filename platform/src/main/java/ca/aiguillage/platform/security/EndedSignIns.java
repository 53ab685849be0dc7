package ca.aiguillage.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * The sign-ins the provider ended (OpenID Connect Back-Channel Logout 1.0): a logout
 * token, already checked against the provider's keys, issuer and audience, ends every
 * page session of its {@code sid}, or else of its {@code sub} signed in before it was
 * issued; {@link SessionLifetime} drops such a session at its next request. A logout
 * token is accepted once, and only while fresh, so that one seen on the way cannot be
 * played again later.
 */
final class EndedSignIns implements LogoutHandler {

	/** How long after its issue a logout token is accepted. */
	static final Duration FRESH = Duration.ofMinutes(2);

	// Longer than any sign-in lasts (its access token's lifetime): past it, a sign-in
	// the logout ended has ended by itself.
	private static final Duration REMEMBERED = Duration.ofHours(24);

	private final Map<String, Instant> subjects = new ConcurrentHashMap<>();

	private final Map<String, Instant> providerSessions = new ConcurrentHashMap<>();

	private final Map<String, Instant> seenTokens = new ConcurrentHashMap<>();

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	private final Clock clock;

	EndedSignIns(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
			return;
		}
		Instant now = this.clock.instant();
		forgetOld(now);
		Instant issued = token.getIssuedAt();
		if (issued == null || issued.isBefore(now.minus(FRESH)) || issued.isAfter(now.plus(Duration.ofMinutes(1)))) {
			refuse(response, "logout token is not fresh");
			return;
		}
		if (token.getId() == null || this.seenTokens.putIfAbsent(token.getId(), issued) != null) {
			refuse(response, "logout token already used");
			return;
		}
		if (token.getSessionId() != null) {
			this.providerSessions.put(token.getSessionId(), issued);
		}
		else if (token.getSubject() != null) {
			this.subjects.merge(token.getSubject(), issued, (old, recent) -> old.isAfter(recent) ? old : recent);
		}
	}

	/**
	 * Whether the provider ended this person's sign-in.
	 * @param person who signed in
	 * @return true when a logout token named their provider session, or their subject
	 * after they signed in
	 */
	boolean ended(OidcUser person) {
		String sid = person.getIdToken().getClaimAsString("sid");
		if (sid != null && this.providerSessions.containsKey(sid)) {
			return true;
		}
		Instant loggedOut = this.subjects.get(person.getSubject());
		Instant signedIn = person.getIdToken().getIssuedAt();
		// Both in whole seconds: a sign-in in the logout's own second counts as ended.
		return loggedOut != null && (signedIn == null || !signedIn.isAfter(loggedOut));
	}

	private void forgetOld(Instant now) {
		Instant oldest = now.minus(REMEMBERED);
		this.subjects.values().removeIf(oldest::isAfter);
		this.providerSessions.values().removeIf(oldest::isAfter);
		this.seenTokens.values().removeIf(now.minus(FRESH).minusSeconds(60)::isAfter);
	}

	private void refuse(HttpServletResponse response, String why) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		try {
			this.errors.write(
					new OAuth2Error("invalid_request", why,
							"https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation"),
					null, new ServletServerHttpResponse(response));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package ca.aiguillage.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

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
 * played again later. What it ended and the tokens seen are {@link LogoutRecords}: in the
 * service's database, every instance of the service knows them, whichever instance the
 * token reached. Their keys hold a hash of the sid, subject or token id, never the
 * person's name.
 */
final class EndedSignIns implements LogoutHandler {

	/** How long after its issue a logout token is accepted. */
	static final Duration FRESH = Duration.ofMinutes(2);

	// Longer than any sign-in lasts (its access token's lifetime): past it, a sign-in
	// the logout ended has ended by itself.
	private static final Duration REMEMBERED = Duration.ofHours(24);

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	private final Clock clock;

	private final LogoutRecords records;

	EndedSignIns(Clock clock) {
		this(clock, new MemoryLogoutRecords(clock));
	}

	EndedSignIns(Clock clock, LogoutRecords records) {
		this.clock = clock;
		this.records = records;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
			return;
		}
		Instant now = this.clock.instant();
		Instant issued = token.getIssuedAt();
		if (issued == null || issued.isBefore(now.minus(FRESH)) || issued.isAfter(now.plus(Duration.ofMinutes(1)))) {
			refuse(response, "logout token is not fresh");
			return;
		}
		// Kept as long as the token is fresh, with a minute for clocks apart.
		if (token.getId() == null || !this.records.recordOnce(key("jti", token.getId()),
				issued.plus(FRESH).plus(Duration.ofMinutes(1)))) {
			refuse(response, "logout token already used");
			return;
		}
		if (token.getSessionId() != null) {
			this.records.remember(key("sid", token.getSessionId()), issued, issued.plus(REMEMBERED));
		}
		else if (token.getSubject() != null) {
			this.records.remember(key("sub", token.getSubject()), issued, issued.plus(REMEMBERED));
		}
	}

	/**
	 * Whether the provider ended this person's sign-in: at most two reads by key.
	 * @param person who signed in
	 * @return true when a logout token named their provider session, or their subject
	 * after they signed in
	 */
	boolean ended(OidcUser person) {
		Instant now = this.clock.instant();
		String sid = person.getIdToken().getClaimAsString("sid");
		if (sid != null && this.records.recall(key("sid", sid), now) != null) {
			return true;
		}
		Instant loggedOut = this.records.recall(key("sub", person.getSubject()), now);
		Instant signedIn = person.getIdToken().getIssuedAt();
		// Both in whole seconds: a sign-in in the logout's own second counts as ended.
		return loggedOut != null && (signedIn == null || !signedIn.isAfter(loggedOut));
	}

	static String key(String kind, String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return kind + ":" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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

package ca.aiguillage.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import static org.assertj.core.api.Assertions.assertThat;

class EndedSignInsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T13:05:00Z");

	private final EndedSignIns ended = new EndedSignIns(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void logoutForAPersonEndsTheirSignInsMadeBeforeItNotAfter() {
		MockHttpServletResponse answer = receive(token("coordination.laval", null, NOW, UUID.randomUUID().toString()));

		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(this.ended.ended(person("coordination.laval", null, NOW.minusSeconds(300)))).isTrue();
		assertThat(this.ended.ended(person("coordination.laval", null, NOW.plusSeconds(1)))).isFalse();
		assertThat(this.ended.ended(person("coordination.st-pierre", null, NOW.minusSeconds(300)))).isFalse();
	}

	@Test
	void logoutForAProviderSessionEndsOnlyTheSignInsMadeThroughIt() {
		receive(token("coordination.laval", "session-1", NOW, UUID.randomUUID().toString()));

		assertThat(this.ended.ended(person("coordination.laval", "session-1", NOW.minusSeconds(300)))).isTrue();
		// The same person signed in on another computer carries on.
		assertThat(this.ended.ended(person("coordination.laval", "session-2", NOW.minusSeconds(300)))).isFalse();
	}

	@Test
	void logoutTokenPlayedAgainIsRefused() {
		OidcLogoutToken token = token("coordination.laval", null, NOW, "jti-1");
		receive(token);

		MockHttpServletResponse again = receive(token);

		assertThat(again.getStatus()).isEqualTo(400);
	}

	@Test
	void staleLogoutTokenIsRefusedAndEndsNothing() {
		MockHttpServletResponse answer = receive(
				token("coordination.laval", null, NOW.minus(EndedSignIns.FRESH).minusSeconds(1), "jti-2"));

		assertThat(answer.getStatus()).isEqualTo(400);
		assertThat(this.ended.ended(person("coordination.laval", null, NOW.minusSeconds(600)))).isFalse();
	}

	private MockHttpServletResponse receive(OidcLogoutToken token) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.ended.logout(new MockHttpServletRequest("POST", "/logout/connect/back-channel/aiguillage"), response,
				new TestingAuthenticationToken(token, token));
		return response;
	}

	private static OidcLogoutToken token(String subject, @Nullable String sid, Instant issued, String jti) {
		OidcLogoutToken.Builder token = OidcLogoutToken.withTokenValue("logout-token")
			.issuer("http://127.0.0.1:9000")
			.audience(List.of("aiguillage-console"))
			.subject(subject)
			.issuedAt(issued)
			.jti(jti)
			.events(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
		if (sid != null) {
			token.sessionId(sid);
		}
		return token.build();
	}

	private static OidcUser person(String subject, @Nullable String sid, Instant signedIn) {
		Map<String, Object> claims = new HashMap<>(Map.of("sub", subject));
		if (sid != null) {
			claims.put("sid", sid);
		}
		return new DefaultOidcUser(List.of(), new OidcIdToken("id-token", signedIn, signedIn.plusSeconds(900), claims));
	}

}

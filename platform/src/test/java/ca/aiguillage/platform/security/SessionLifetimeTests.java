package ca.aiguillage.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import static org.assertj.core.api.Assertions.assertThat;

class SessionLifetimeTests {

	private static final Instant NOW = Instant.parse("2026-12-03T13:05:00Z");

	private final SessionLifetime lifetime = new SessionLifetime(Clock.fixed(NOW, ZoneOffset.UTC));

	@AfterEach
	void forgetWhoSignedIn() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void sessionBeforeItsEndCarriesOn() throws Exception {
		MockHttpServletRequest request = signedInUntil(NOW.plusSeconds(1));
		MockFilterChain chain = new MockFilterChain();

		this.lifetime.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
		assertThat(((MockHttpSession) request.getSession(false)).isInvalid()).isFalse();
		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void sessionAtItsEndIsDroppedBeforeTheRequestIsAuthorized() throws Exception {
		MockHttpServletRequest request = signedInUntil(NOW);
		MockHttpSession session = (MockHttpSession) request.getSession(false);
		MockFilterChain chain = new MockFilterChain();

		this.lifetime.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(session.isInvalid()).isTrue();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		// Authorization then finds no one and sends the person to sign in again.
		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void partOfAPageWhoseSessionEndedAsksForTheWholePageAgain() throws Exception {
		MockHttpServletRequest request = signedInUntil(NOW.minusSeconds(60));
		request.addHeader("HX-Request", "true");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.lifetime.doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("HX-Refresh")).isEqualTo("true");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void signInWithoutARecordedEndHasEnded() throws Exception {
		MockHttpServletRequest request = signedIn(Map.of("roles", List.of("PARTNER")));

		this.lifetime.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	private static MockHttpServletRequest signedInUntil(Instant end) {
		return signedIn(Map.of("roles", List.of("PARTNER"), SignedInPeople.SESSION_ENDS_AT, end.getEpochSecond()));
	}

	private static MockHttpServletRequest signedIn(Map<String, Object> claims) {
		OidcIdToken idToken = new OidcIdToken("id-token", NOW.minusSeconds(600), NOW.plusSeconds(3600),
				Map.of("sub", "intervenant.ahuntsic"));
		DefaultOidcUser person = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_PARTNER")), idToken,
				new OidcUserInfo(claims));
		SecurityContextHolder.getContext()
			.setAuthentication(new OAuth2AuthenticationToken(person, person.getAuthorities(), "aiguillage"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/partner/referrals");
		request.setSession(new MockHttpSession());
		return request;
	}

}

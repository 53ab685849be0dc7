package ca.aiguillage.platform.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class SignInPagesTests {

	private static final Instant NOW = Instant.parse("2026-12-03T13:05:00Z");

	private final LogoutSuccessHandler signOut = SignInPages.endProviderSession(
			new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(SignInPages.REGISTRATION)
				.clientId("aiguillage-partner-portal")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("http://127.0.0.1:9000/oauth2/authorize")
				.tokenUri("http://127.0.0.1:9000/oauth2/token")
				.build()),
			null, "/partner");

	@Test
	void signOutEndsTheProvidersSessionWithTheIdTokenItIssued() throws Exception {
		URI target = signOut(new MockHttpServletRequest("POST", "/logout"));

		assertThat(target.getPath()).isEqualTo("/connect/logout");
		Map<String, String> parameters = UriComponentsBuilder.fromUri(target)
			.build()
			.getQueryParams()
			.toSingleValueMap();
		assertThat(parameters).containsEntry("id_token_hint", "id-token")
			.containsEntry("client_id", "aiguillage-partner-portal")
			// Without a language chosen on the pages, the browser's decides.
			.doesNotContainKey("ui_locales");
	}

	@Test
	void signOutAsksForTheLanguageThePersonChoseOnThePages() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
		request.setCookies(new Cookie(PageLanguages.COOKIE, "en"));

		URI target = signOut(request);

		assertThat(UriComponentsBuilder.fromUri(target).build().getQueryParams().getFirst("ui_locales"))
			.isEqualTo("en");
	}

	@Test
	void signOutIgnoresALanguageCookieThatIsNoLanguage() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
		request.setCookies(new Cookie(PageLanguages.COOKIE, "en&client_id=other"));

		URI target = signOut(request);

		assertThat(UriComponentsBuilder.fromUri(target).build().getQueryParams()).doesNotContainKey("ui_locales")
			.containsEntry("client_id", List.of("aiguillage-partner-portal"));
	}

	private URI signOut(MockHttpServletRequest request) throws Exception {
		OidcIdToken idToken = new OidcIdToken("id-token", NOW.minusSeconds(60), NOW.plusSeconds(600),
				Map.of("sub", "intervenant.ahuntsic"));
		DefaultOidcUser person = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_PARTNER")), idToken);
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.signOut.onLogoutSuccess(request, response,
				new OAuth2AuthenticationToken(person, person.getAuthorities(), SignInPages.REGISTRATION));

		assertThat(response.getRedirectedUrl()).isNotNull();
		return URI.create(response.getRedirectedUrl());
	}

}

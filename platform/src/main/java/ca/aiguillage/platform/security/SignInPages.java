package ca.aiguillage.platform.security;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.WebUtils;

/**
 * The security of pages people sign in to (the coordinators' console, the partner portal,
 * the directory), ordered before the API's: authorization code with PKCE through the
 * authorization server's client registration {@value #REGISTRATION}, a session, CSRF on
 * forms, and roles from the checked access token ({@link SignedInPeople}). A session ends
 * when its access token expires, or after {@value #SESSION_LIFETIME} when that is shorter
 * ({@link SessionLifetime}), and at once when the provider posts a logout token to
 * {@value #BACK_CHANNEL_LOGOUT}{@code <registration>} (OpenID Connect Back-Channel
 * Logout, {@link EndedSignIns}, remembered in the service's MongoDB when it has one, so
 * that every instance knows); signing out ends the authorization server's session too.
 * The API keeps its bearer tokens.
 */
public final class SignInPages {

	/** The client registration every service's pages sign in with. */
	public static final String REGISTRATION = "aiguillage";

	/** The setting that bounds a page session's lifetime below its token's. */
	public static final String SESSION_LIFETIME = "aiguillage.pages.session-lifetime";

	/**
	 * The setting naming the provider's issuer ({@code iss}), which signs the logout
	 * tokens of back-channel logout; by default the authorization endpoint's address
	 * without {@code /oauth2/authorize}, as our own authorization server has it.
	 */
	public static final String ISSUER = "aiguillage.pages.issuer";

	/** Where the provider posts logout tokens, one address per client registration. */
	public static final String BACK_CHANNEL_LOGOUT = "/logout/connect/back-channel/";

	/** The setting naming the provider's end-session endpoint, when it is not ours. */
	public static final String SIGN_OUT_URI = "aiguillage.pages.sign-out-uri";

	private SignInPages() {
	}

	/**
	 * Builds the pages' filter chain.
	 * @param http the builder
	 * @param pages the pages' path, such as {@code /console}
	 * @param afterSignIn where a person lands after signing in
	 * @param roles the roles allowed on the pages
	 * @return the filter chain
	 * @throws Exception when the builder refuses the configuration
	 */
	public static SecurityFilterChain chain(HttpSecurity http, String pages, String afterSignIn, String... roles)
			throws Exception {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		Binder settings = Binder.get(context.getEnvironment());
		Duration longest = settings.bind(SESSION_LIFETIME, Duration.class).orElse(null);
		String signOut = settings.bind(SIGN_OUT_URI, String.class).orElse(null);
		String issuer = settings.bind(ISSUER, String.class).orElse(null);
		ClientRegistrationRepository registrations = context.getBean(ClientRegistrationRepository.class);
		Clock clock = Clock.systemUTC();
		// In the service's database when it has one, so that a logout token reaching one
		// instance ends the sign-in on all of them.
		MongoOperations mongo = context.getBeanProvider(MongoOperations.class).getIfAvailable();
		EndedSignIns endedByProvider = new EndedSignIns(clock,
				(mongo != null) ? new StoredLogoutRecords(mongo) : new MemoryLogoutRecords(clock));
		http.securityMatcher(pages, pages + "/**", "/oauth2/authorization/**", "/login/oauth2/**", "/webjars/**",
				"/logout", BACK_CHANNEL_LOGOUT + "*")
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/webjars/**").permitAll().anyRequest().hasAnyRole(roles))
			.oauth2Login(login -> login.loginPage("/oauth2/authorization/" + REGISTRATION)
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(new SignedInPeople(longest, clock)))
				.defaultSuccessUrl(afterSignIn, true))
			// A removed or suspended person loses the pages at once, not at the token's
			// expiry (OpenID Connect Back-Channel Logout).
			.oidcLogout(logout -> logout.clientRegistrationRepository(withIssuer(registrations, issuer))
				.backChannel(backChannel -> backChannel.logoutHandler(endedByProvider)))
			.addFilterBefore(new SessionLifetime(clock, endedByProvider), AuthorizationFilter.class)
			.logout(logout -> logout.logoutSuccessHandler(endProviderSession(registrations, signOut, pages)));
		return http.build();
	}

	/**
	 * The registrations as back-channel logout checks logout tokens: with the issuer they
	 * must come from, which the pages' registrations leave out so that a service starts
	 * without asking the provider's discovery document.
	 */
	static ClientRegistrationRepository withIssuer(ClientRegistrationRepository registrations,
			@Nullable String issuer) {
		return (String registrationId) -> {
			ClientRegistration registration = registrations.findByRegistrationId(registrationId);
			if (registration == null || registration.getProviderDetails().getIssuerUri() != null) {
				return registration;
			}
			String named = (issuer != null) ? issuer
					: registration.getProviderDetails().getAuthorizationUri().replaceFirst("/oauth2/authorize$", "");
			return ClientRegistration.withClientRegistration(registration).issuerUri(named).build();
		};
	}

	/**
	 * After the page session ends, the authorization server's ends too (OpenID Connect
	 * RP-initiated logout), or the next visit would sign the person in again without a
	 * password, which on a shared computer is someone else.
	 */
	static LogoutSuccessHandler endProviderSession(ClientRegistrationRepository registrations, @Nullable String signOut,
			String pages) {
		return (HttpServletRequest request, HttpServletResponse response, @Nullable Authentication signedIn) -> {
			ClientRegistration registration = registrations.findByRegistrationId(REGISTRATION);
			if (registration == null || !(signedIn != null && signedIn.getPrincipal() instanceof OidcUser person)) {
				response.sendRedirect(request.getContextPath() + pages);
				return;
			}
			String endpoint = (signOut != null) ? signOut
					: registration.getProviderDetails()
						.getAuthorizationUri()
						.replaceFirst("/oauth2/authorize$", "/connect/logout");
			UriComponentsBuilder signOutPage = UriComponentsBuilder.fromUriString(endpoint)
				.queryParam("id_token_hint", person.getIdToken().getTokenValue())
				.queryParam("client_id", registration.getClientId());
			Cookie chosen = WebUtils.getCookie(request, PageLanguages.COOKIE);
			if (chosen != null && chosen.getValue().matches("[a-zA-Z-]{2,16}")) {
				// The language the person chose on the pages, for the page that says they
				// are signed out.
				signOutPage.queryParam("ui_locales", chosen.getValue());
			}
			response.sendRedirect(signOutPage.encode().toUriString());
		};
	}

}

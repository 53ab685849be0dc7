package ca.aiguillage.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of pages people sign in to (the coordinators' console, the partner
 * portal), ordered before the API's: authorization code with PKCE through the
 * authorization server's client registration {@value #REGISTRATION}, a session, CSRF on
 * forms, and roles from the checked access token ({@link SignedInPeople}). The API keeps
 * its bearer tokens.
 */
public final class SignInPages {

	/** The client registration every service's pages sign in with. */
	public static final String REGISTRATION = "aiguillage";

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
		http.securityMatcher(pages, pages + "/**", "/oauth2/authorization/**", "/login/oauth2/**", "/webjars/**",
				"/logout")
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/webjars/**").permitAll().anyRequest().hasAnyRole(roles))
			.oauth2Login(login -> login.loginPage("/oauth2/authorization/" + REGISTRATION)
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(new SignedInPeople()))
				.defaultSuccessUrl(afterSignIn, true))
			.logout(logout -> logout.logoutSuccessUrl(pages));
		return http.build();
	}

}

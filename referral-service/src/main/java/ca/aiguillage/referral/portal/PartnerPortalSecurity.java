package ca.aiguillage.referral.portal;

import java.io.IOException;
import java.util.Set;

import ca.aiguillage.platform.security.SignInPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The partner portal's own security, before the API's: partners' staff sign in through
 * the authorization server (authorization code with PKCE, the public client
 * {@code aiguillage-partner-portal}) and keep a session; forms carry a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class PartnerPortalSecurity {

	private static final MediaTypeRequestMatcher BROWSERS = browsers();

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain partnerPortalPages(HttpSecurity http) throws Exception {
		return SignInPages.chain(http, PartnerPortal.PATH, PartnerPortal.PATH + "/referrals", "PARTNER");
	}

	/**
	 * A person's browser anywhere outside the API and the pages: the service's root leads
	 * to the portal, and any other path reads as not found, on the French error page,
	 * rather than the API's 401 in JSON. Programs asking for JSON still get the API's
	 * problem details.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	SecurityFilterChain browsersOutsideThePages(HttpSecurity http) throws Exception {
		return http.securityMatcher(PartnerPortalSecurity::browserOutsideTheApi)
			.authorizeHttpRequests(requests -> requests.requestMatchers("/").permitAll().anyRequest().denyAll())
			// Whether a path exists behind a sign-in is no one's business: unknown it is.
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, refused) -> notFound(response))
				.accessDeniedHandler((request, response, refused) -> notFound(response)))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	private static boolean browserOutsideTheApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean elsewhere = path.equals("/api") || path.startsWith("/api/") || path.startsWith("/actuator")
				|| path.equals("/error") || path.equals("/favicon.ico");
		return !elsewhere && BROWSERS.matches(request);
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

	// A browser's page request accepts text/html by name, not only through */*.
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

}

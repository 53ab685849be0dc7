package ca.aiguillage.authorization.token;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where an application's sign-out (OpenID Connect RP-initiated logout) lands: a
 * registered {@code post_logout_redirect_uri} as the standard says, else the sign-in page
 * saying that the person is signed out, in the language the application asked for with
 * {@code ui_locales} (or the browser's).
 */
final class SignedOutLanding implements AuthenticationSuccessHandler {

	static final String PAGE = "/login";

	private final OidcLogoutAuthenticationSuccessHandler standard = new OidcLogoutAuthenticationSuccessHandler();

	private final SecurityContextLogoutHandler session = new SecurityContextLogoutHandler();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (!(authentication instanceof OidcLogoutAuthenticationToken logout)
				|| StringUtils.hasText(logout.getPostLogoutRedirectUri())) {
			this.standard.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		if (logout.isPrincipalAuthenticated()) {
			this.session.logout(request, response, (Authentication) logout.getPrincipal());
		}
		UriComponentsBuilder page = UriComponentsBuilder.fromPath(request.getContextPath() + PAGE).queryParam("logout");
		String language = language(request.getParameter("ui_locales"));
		if (language != null) {
			page.queryParam("lang", language);
		}
		response.sendRedirect(page.build().toUriString());
	}

	// ui_locales lists preferred languages, best first: the first one the pages speak.
	private static @Nullable String language(@Nullable String uiLocales) {
		if (uiLocales == null) {
			return null;
		}
		for (String tag : uiLocales.trim().split("\\s+")) {
			String language = Locale.forLanguageTag(tag).getLanguage();
			if (language.equals("fr") || language.equals("en")) {
				return language;
			}
		}
		return null;
	}

}

package ca.aiguillage.authorization.login;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.UserAgent;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginPageIntegrationTests extends RunningAuthorizationServer {

	private static final String SESSION = "AIGUILLAGE_AUTHORIZATION_SESSION";

	@Test
	void loginPageIsFrenchByDefault() {
		UserAgent.Answer login = new UserAgent(this.port).get("/login");

		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body()).contains("<html lang=\"fr\">", "<h1>Connexion à Aiguillage</h1>",
				"<label for=\"username\">Nom d’utilisateur</label>", "<label for=\"password\">Mot de passe</label>",
				">Se connecter</button>", "hreflang=\"en\"");
		assertThat(login.csrfToken()).isNotBlank();
	}

	@Test
	void loginPageIsEnglishWhenTheBrowserPrefersEnglish() {
		UserAgent.Answer login = new UserAgent(this.port).get("/login", "Accept-Language", "en-CA,en;q=0.9,fr;q=0.8");

		assertThat(login.body()).contains("<html lang=\"en\">", "<h1>Sign in to Aiguillage</h1>",
				"<label for=\"username\">Username</label>", ">Sign in</button>");
	}

	@Test
	void loginPageIsFrenchWhenTheBrowserPrefersFrenchOverEnglish() {
		UserAgent.Answer login = new UserAgent(this.port).get("/login", "Accept-Language", "fr-CA,en;q=0.8");

		assertThat(login.body()).contains("<html lang=\"fr\">", "<h1>Connexion à Aiguillage</h1>");
	}

	@Test
	void loginPageIsFrenchForABrowserThatAsksForNeitherLanguage() {
		UserAgent.Answer login = new UserAgent(this.port).get("/login", "Accept-Language", "de-DE,es;q=0.5");

		assertThat(login.body()).contains("<html lang=\"fr\">", "<h1>Connexion à Aiguillage</h1>");
	}

	@Test
	void chosenLanguageWinsOverTheBrowsersAndIsRemembered() {
		UserAgent browser = new UserAgent(this.port);

		UserAgent.Answer chosen = browser.get("/login?lang=en", "Accept-Language", "fr-CA");
		UserAgent.Answer next = browser.get("/login", "Accept-Language", "fr-CA");

		assertThat(chosen.body()).contains("<html lang=\"en\">", "<h1>Sign in to Aiguillage</h1>");
		assertThat(next.body()).contains("<html lang=\"en\">", "<h1>Sign in to Aiguillage</h1>");
	}

	@Test
	void wrongPasswordLeadsBackToTheLoginPageWithAFrenchErrorAndNoSignedInSession() {
		UserAgent browser = new UserAgent(this.port);
		UserAgent.Answer login = browser.get("/login");

		UserAgent.Answer refused = browser.post("/login",
				Map.of("username", "coordination.laval", "password", "not-the-password", "_csrf", login.csrfToken()));

		assertThat(refused.status()).isEqualTo(302);
		assertThat(URI.create(refused.redirect())).hasPath("/login").hasQuery("error");
		// A successful sign-in would have replaced the session id.
		assertThat(refused.setCookies()).doesNotContain(SESSION);
		UserAgent.Answer error = browser.get(refused.redirect());
		assertThat(error.body()).contains("role=\"alert\"", "Nom d’utilisateur ou mot de passe incorrect.")
			.doesNotContain("Incorrect username or password.");
		assertThat(URI.create(browser.get("/").redirect())).hasPath("/login");
	}

	@Test
	void wrongPasswordIsExplainedInEnglishToWhoeverChoseEnglish() {
		UserAgent browser = new UserAgent(this.port);
		UserAgent.Answer login = browser.get("/login?lang=en");

		UserAgent.Answer refused = browser.post("/login",
				Map.of("username", "coordination.laval", "password", "not-the-password", "_csrf", login.csrfToken()));

		assertThat(browser.get(refused.redirect()).body()).contains("Incorrect username or password.")
			.doesNotContain("Nom d’utilisateur ou mot de passe incorrect.");
	}

	@Test
	void theUsernameStaysInTheFormAfterAWrongPasswordButNotThePassword() {
		UserAgent browser = new UserAgent(this.port);
		UserAgent.Answer login = browser.get("/login");

		UserAgent.Answer refused = browser.post("/login",
				Map.of("username", "coordination.laval", "password", "not-the-password", "_csrf", login.csrfToken()));

		String again = browser.get(refused.redirect()).body();
		assertThat(again).containsPattern("id=\"username\"[^>]*value=\"coordination.laval\"")
			.doesNotContain("not-the-password");
		assertThat(new UserAgent(this.port).get("/login").body()).doesNotContain("coordination.laval");
	}

	@Test
	void theLoginPageRunsUnderAStrictContentSecurityPolicyWithNothingInline() {
		Http.Answer login = Http.localhost(this.port).get("/login");

		assertThat(login.header("Content-Security-Policy"))
			.contains("default-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(login.header("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(login.body()).doesNotContain("<style", "<script", "style=");
		assertThat(Http.localhost(this.port).get("/authorization.css").status()).isEqualTo(200);
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() {
		Http.Answer login = Http.localhost(this.port).get("/login");

		assertThat(login.header("Set-Cookie")).startsWith(SESSION + "=").contains("HttpOnly", "SameSite=Lax");
	}

	@Test
	void theFaviconIsServedWithoutSigningIn() {
		UserAgent.Answer icon = new UserAgent(this.port).get("/favicon.ico", "Accept", "image/*");

		assertThat(icon.status()).isEqualTo(200);
		assertThat(icon.body()).isNotEmpty();
	}

	@Test
	void loginWithoutTheCsrfTokenIsRefused() {
		UserAgent browser = new UserAgent(this.port);
		browser.get("/login");

		UserAgent.Answer refused = browser.post("/login",
				Map.of("username", "coordination.laval", "password", "coordination-demo"));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(URI.create(browser.get("/").redirect())).hasPath("/login");
	}

	@Test
	void signingInWithoutAnApplicationShowsWhoIsSignedIn() {
		UserAgent browser = new UserAgent(this.port);
		UserAgent.Answer login = browser.get("/login");
		String anonymousSession = browser.cookie(SESSION);

		UserAgent.Answer signedIn = browser.post("/login",
				Map.of("username", "coordination.laval", "password", "coordination-demo", "_csrf", login.csrfToken()));

		assertThat(browser.cookie(SESSION)).isNotNull().isNotEqualTo(anonymousSession);
		UserAgent.Answer home = browser.get(signedIn.redirect());
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Vous êtes connecté en tant que coordination.laval.");
	}

}

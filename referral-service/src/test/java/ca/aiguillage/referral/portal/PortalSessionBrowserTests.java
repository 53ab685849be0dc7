package ca.aiguillage.referral.portal;

import java.io.IOException;
import java.time.Duration;

import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A portal session lasts as long as the access token it signed in with, here 20 seconds
 * from the real authorization server: then the session is refused and the person signs in
 * again, getting roles from a new token. The three sessions sign in together before the
 * tests, so that their tokens run out during one wait instead of three.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class PortalSessionBrowserTests extends RunningService {

	static final int AUTHORIZATION_PORT = AuthorizationServerBeside.freePort();

	static final Duration TOKEN_LIFETIME = ofSeconds(20);

	static final String SESSION_COOKIE = "AIGUILLAGE_PORTAL_SESSION";

	static ConfigurableApplicationContext authorization;

	static String portal;

	/** The page left open, whose rows are fetched every 3 seconds. */
	static WebDriver openPage;

	static String openPageSession;

	/** A signed-in session asked for whole pages. */
	static Http pageSession;

	/** A signed-in session asked for parts of pages (htmx). */
	static Http partSession;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("referral.portal.issuer", () -> AuthorizationServerBeside.issuer(AUTHORIZATION_PORT));
	}

	@BeforeAll
	static void signInThreeSessionsWithShortTokens(@Value("${local.server.port}") int port) throws IOException {
		portal = "http://127.0.0.1:" + port;
		authorization = AuthorizationServerBeside.start(AUTHORIZATION_PORT, TOKEN_LIFETIME);
		pageSession = new Http(portal, "Cookie", SESSION_COOKIE + "=" + signedInSession(), "Accept", "text/html");
		assertThat(pageSession.get("/partner/referrals").status()).isEqualTo(200);
		partSession = new Http(portal, "Cookie", SESSION_COOKIE + "=" + signedInSession());
		assertThat(partSession.get("/partner/referrals/rows", "HX-Request", "true").status()).isEqualTo(200);
		openPage = Browser.chromium("fr-CA");
		signIn(openPage);
		openPageSession = sessionCookie(openPage);
		((JavascriptExecutor) openPage).executeScript("window.samePage = true;");
	}

	@AfterAll
	static void stopTheBrowserAndTheAuthorizationServer() {
		if (openPage != null) {
			openPage.quit();
		}
		if (authorization != null) {
			authorization.close();
		}
	}

	@Test
	void sessionIsRefusedOnceItsTokenExpired() {
		await().atMost(TOKEN_LIFETIME.plusSeconds(30))
			.pollInterval(ofSeconds(1))
			.untilAsserted(() -> assertThat(pageSession.get("/partner/referrals").status()).isEqualTo(302));

		// Sent to sign in again, and the old session is gone for good.
		Http.Answer refused = pageSession.get("/partner/referrals");
		assertThat(refused.header("Location")).endsWith("/oauth2/authorization/aiguillage");
	}

	@Test
	void pageWhoseSessionEndedReloadsAndSignsInAgainWithANewToken() {
		// The list fetches its rows every 3 seconds: the first fetch after the token
		// expired is refused with HX-Refresh, the page reloads and signs in again.
		await().atMost(TOKEN_LIFETIME.plusSeconds(40))
			.pollInterval(ofSeconds(1))
			.ignoreExceptions()
			.until(() -> !Boolean.TRUE
				.equals(((JavascriptExecutor) openPage).executeScript("return window.samePage === true;")));

		new WebDriverWait(openPage, ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("new-referral")));
		assertThat(openPage.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");
		assertThat(sessionCookie(openPage)).isNotEqualTo(openPageSession);
	}

	@Test
	void partOfAPageWhoseSessionEndedAsksTheWholePageToReload() {
		Http.Answer refused = await().atMost(TOKEN_LIFETIME.plusSeconds(30))
			.pollInterval(ofSeconds(1))
			.until(() -> partSession.get("/partner/referrals/rows", "HX-Request", "true"),
					answer -> answer.status() != 200);

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("HX-Refresh")).isEqualTo("true");
	}

	/** Signs in through a browser of its own and answers the portal's session cookie. */
	private static String signedInSession() {
		WebDriver browser = Browser.chromium("fr-CA");
		try {
			signIn(browser);
			return sessionCookie(browser);
		}
		finally {
			browser.quit();
		}
	}

	private static void signIn(WebDriver browser) {
		browser.get(portal + "/partner");
		WebDriverWait wait = new WebDriverWait(browser, ofSeconds(30));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		browser.findElement(By.id("username")).sendKeys("intervenant.ahuntsic");
		browser.findElement(By.id("password")).sendKeys("intervenant-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-referral")));
	}

	private static String sessionCookie(WebDriver browser) {
		return browser.manage().getCookieNamed(SESSION_COOKIE).getValue();
	}

}

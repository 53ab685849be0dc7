package ca.aiguillage.referral.portal;

import java.io.IOException;
import java.time.Duration;

import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * again, getting roles from a new token.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class PortalSessionBrowserTests extends RunningService {

	static final int AUTHORIZATION_PORT = AuthorizationServerBeside.freePort();

	static final Duration TOKEN_LIFETIME = ofSeconds(20);

	static final String SESSION_COOKIE = "AIGUILLAGE_PORTAL_SESSION";

	static ConfigurableApplicationContext authorization;

	static String portal;

	WebDriver browser;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("referral.portal.issuer", () -> AuthorizationServerBeside.issuer(AUTHORIZATION_PORT));
	}

	@BeforeAll
	static void startAnAuthorizationServerWithShortTokens(@Value("${local.server.port}") int port) throws IOException {
		portal = "http://127.0.0.1:" + port;
		authorization = AuthorizationServerBeside.start(AUTHORIZATION_PORT, TOKEN_LIFETIME);
	}

	@AfterAll
	static void stopTheAuthorizationServer() {
		if (authorization != null) {
			authorization.close();
		}
	}

	@BeforeEach
	void openABrowser() {
		this.browser = Browser.chromium("fr-CA");
	}

	@AfterEach
	void closeTheBrowser() {
		this.browser.quit();
	}

	@Test
	void sessionIsRefusedOnceItsTokenExpired() {
		signIn();
		Http session = new Http(portal, "Cookie", SESSION_COOKIE + "=" + sessionCookie(), "Accept", "text/html");
		assertThat(session.get("/partner/referrals").status()).isEqualTo(200);

		await().atMost(TOKEN_LIFETIME.plusSeconds(30))
			.pollInterval(ofSeconds(1))
			.untilAsserted(() -> assertThat(session.get("/partner/referrals").status()).isEqualTo(302));

		// Sent to sign in again, and the old session is gone for good.
		Http.Answer refused = session.get("/partner/referrals");
		assertThat(refused.header("Location")).endsWith("/oauth2/authorization/aiguillage");
	}

	@Test
	void pageWhoseSessionEndedReloadsAndSignsInAgainWithANewToken() {
		signIn();
		String firstSession = sessionCookie();
		((JavascriptExecutor) this.browser).executeScript("window.samePage = true;");

		// The list fetches its rows every 3 seconds: the first fetch after the token
		// expired is refused with HX-Refresh, the page reloads and signs in again.
		await().atMost(TOKEN_LIFETIME.plusSeconds(40))
			.pollInterval(ofSeconds(1))
			.ignoreExceptions()
			.until(() -> !Boolean.TRUE
				.equals(((JavascriptExecutor) this.browser).executeScript("return window.samePage === true;")));

		new WebDriverWait(this.browser, ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("new-referral")));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");
		assertThat(sessionCookie()).isNotEqualTo(firstSession);
	}

	@Test
	void partOfAPageWhoseSessionEndedAsksTheWholePageToReload() {
		signIn();
		Http session = new Http(portal, "Cookie", SESSION_COOKIE + "=" + sessionCookie());
		assertThat(session.get("/partner/referrals/rows", "HX-Request", "true").status()).isEqualTo(200);

		Http.Answer refused = await().atMost(TOKEN_LIFETIME.plusSeconds(30))
			.pollInterval(ofSeconds(1))
			.until(() -> session.get("/partner/referrals/rows", "HX-Request", "true"),
					answer -> answer.status() != 200);

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("HX-Refresh")).isEqualTo("true");
	}

	private void signIn() {
		this.browser.get(portal + "/partner");
		WebDriverWait wait = new WebDriverWait(this.browser, ofSeconds(30));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		this.browser.findElement(By.id("username")).sendKeys("intervenant.ahuntsic");
		this.browser.findElement(By.id("password")).sendKeys("intervenant-demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-referral")));
	}

	private String sessionCookie() {
		return this.browser.manage().getCookieNamed(SESSION_COOKIE).getValue();
	}

}

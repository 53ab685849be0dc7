package ca.aiguillage.authorization.token;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.UserAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in a real headless Chromium signs in to the console's client, and the console
 * signs them out (OpenID Connect RP-initiated logout, as the pages do): the browser lands
 * on the sign-in page saying so, and the next sign-in asks for the password again.
 */
class SignOutBrowserTests extends RunningAuthorizationServer {

	private WebDriver browser;

	@BeforeEach
	void openABrowser() {
		this.browser = Browser.chromium("fr-CA");
	}

	@AfterEach
	void closeTheBrowser() {
		this.browser.quit();
	}

	@Test
	void signedOutPersonLandsOnTheSignInPageThatSaysSo() {
		String idToken = signIn("coordination.laval", "coordination-demo");

		this.browser.get(server() + "/connect/logout?id_token_hint=" + idToken + "&client_id=" + ConsoleSignIn.CONSOLE);
		waitFor(By.id("username"));

		assertThat(URI.create(this.browser.getCurrentUrl()).getPath()).isEqualTo("/login");
		assertThat(this.browser.findElement(By.cssSelector("[role=status]")).getText())
			.isEqualTo("Vous êtes déconnecté·e.");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
		Browser.screenshot(this.browser, "authorization-signed-out-fr");

		// The server's session ended too: the next sign-in asks for the password again.
		this.browser.get(authorize(ConsoleSignIn.challenge(ConsoleSignIn.verifier())));
		waitFor(By.id("password"));
		assertThat(URI.create(this.browser.getCurrentUrl()).getPath()).isEqualTo("/login");
		assertThat(this.browser.findElements(By.cssSelector("[role=status]"))).isEmpty();
	}

	@Test
	void signedOutPageSpeaksTheLanguageTheApplicationAskedFor() {
		String idToken = signIn("intervenant.ahuntsic", "intervenant-demo");

		this.browser.get(server() + "/connect/logout?id_token_hint=" + idToken + "&client_id=" + ConsoleSignIn.CONSOLE
				+ "&ui_locales=en-CA%20fr");
		waitFor(By.id("username"));

		assertThat(this.browser.findElement(By.cssSelector("[role=status]")).getText())
			.isEqualTo("You are signed out.");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		Browser.screenshot(this.browser, "authorization-signed-out-en");
	}

	// Signs in through the sign-in page, as the console sends a person there, and returns
	// the ID token the console would keep to sign them out.
	private String signIn(String username, String password) {
		String verifier = ConsoleSignIn.verifier();
		this.browser.get(authorize(ConsoleSignIn.challenge(verifier)));
		waitFor(By.id("username"));
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.urlContains("/login/oauth2/code/aiguillage"));
		String code = ConsoleSignIn.parameter(URI.create(this.browser.getCurrentUrl()), "code");
		UserAgent.Answer token = new UserAgent(this.port).post("/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", callback(), "client_id",
						ConsoleSignIn.CONSOLE, "code_verifier", verifier));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return token.json("$.id_token");
	}

	private String authorize(String challenge) {
		return UriComponentsBuilder.fromUriString(server() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", ConsoleSignIn.CONSOLE)
			.queryParam("redirect_uri", callback())
			.queryParam("scope", "openid profile")
			.queryParam("state", "state-1")
			.queryParam("code_challenge", challenge)
			.queryParam("code_challenge_method", "S256")
			.encode()
			.toUriString();
	}

	// A loopback redirect may name any port (RFC 8252): this server's own, where nothing
	// answers the code, so that the browser stops there.
	private String callback() {
		return server() + "/login/oauth2/code/aiguillage";
	}

	private String server() {
		return "http://127.0.0.1:" + this.port;
	}

	private void waitFor(By element) {
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(element));
	}

}

package ca.aiguillage.matching.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.testing.UserAgent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A coordinator signed in to the directory pages in a real headless Chromium loses them
 * at once when an administrator ends their sessions on the real authorization server
 * (OpenID Connect Back-Channel Logout over real HTTP), not when their token expires; a
 * forged or replayed logout token is refused and ends nothing.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=matching-service")
class DirectorySessionEndedBrowserTests extends RunningService {

	static final int AUTHORIZATION_PORT = TestSocketUtils.findAvailableTcpPort();

	static final String ISSUER = "http://127.0.0.1:" + AUTHORIZATION_PORT;

	static final String BACK_CHANNEL = "/logout/connect/back-channel/aiguillage";

	static ConfigurableApplicationContext authorization;

	static Path signingKey;

	static String pages;

	static int port;

	WebDriver browser;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("matching.pages.issuer", () -> ISSUER);
	}

	@BeforeAll
	static void startTheAuthorizationServer(@Value("${local.server.port}") int servicePort) throws IOException {
		port = servicePort;
		pages = "http://127.0.0.1:" + servicePort;
		signingKey = Files.createTempDirectory("matching-sessions-test").resolve("signing-key.jwk.json");
		// The console's redirect is registered on 127.0.0.1, so any loopback port may be
		// used (RFC 8252), and its back-channel logout goes to that same port.
		authorization = AuthorizationServerApplication.startBesideServices(AUTHORIZATION_PORT, ISSUER, signingKey);
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
	void endedSessionsSendTheCoordinatorsNextClickToTheSignInPage() {
		signIn("coordination.laval");
		String admin = ConsoleSignIn.accessToken(AUTHORIZATION_PORT, "admin", "admin-demo");

		UserAgent.Answer ended = new UserAgent(AUTHORIZATION_PORT).post(
				"/admin/accounts/coordination.laval/sessions/end", Map.of(), "Authorization", "Bearer " + admin,
				"Accept", "application/json");

		assertThat(ended.status()).as(ended.body()).isEqualTo(200);
		// The logout token travels in the background: the first page asked for after it
		// arrives is the sign-in page, where the password is asked again.
		await().atMost(ofSeconds(20)).until(() -> {
			this.browser.get(pages + "/directory");
			return this.browser.getCurrentUrl().startsWith(ISSUER + "/login");
		});
		assertThat(this.browser.findElements(By.id("password"))).hasSize(1);
		Browser.screenshot(this.browser, "directory-session-ended");
	}

	@Test
	void forgedOrReplayedLogoutTokenIsRefusedAndEndsNothing() throws Exception {
		signIn("coordination.st-pierre");
		RSAKey issuers = JWK.parse(Files.readString(signingKey)).toRSAKey();
		RSAKey someoneElses = new RSAKeyGenerator(2048).keyID(issuers.getKeyID()).generate();

		UserAgent.Answer forged = backChannel(logoutToken(someoneElses, "coordination.st-pierre"));
		String genuine = logoutToken(issuers, "intervenant.gasm-laval");
		UserAgent.Answer accepted = backChannel(genuine);
		UserAgent.Answer replayed = backChannel(genuine);

		assertThat(forged.status()).isEqualTo(400);
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(replayed.status()).isEqualTo(400);
		this.browser.get(pages + "/directory");
		assertThat(this.browser.getCurrentUrl()).startsWith(pages + "/directory");
		assertThat(this.browser.findElements(By.id("add-therapist"))).hasSize(1);
	}

	private static UserAgent.Answer backChannel(String logoutToken) {
		return new UserAgent(port).post(BACK_CHANNEL, Map.of("logout_token", logoutToken));
	}

	private static String logoutToken(RSAKey key, String subject) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(List.of(ConsoleSignIn.CONSOLE))
			.subject(subject)
			.issueTime(new Date())
			.jwtID(UUID.randomUUID().toString())
			.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private void signIn(String username) {
		this.browser.get(pages + "/directory");
		assertThat(this.browser.getCurrentUrl()).startsWith(ISSUER + "/login");
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys("coordination-demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		await().atMost(ofSeconds(20)).until(() -> this.browser.getCurrentUrl().startsWith(pages + "/directory"));
	}

}

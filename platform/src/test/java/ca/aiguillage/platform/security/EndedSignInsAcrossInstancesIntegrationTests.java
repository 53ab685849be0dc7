package ca.aiguillage.platform.security;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.EmbeddedMongoServer;
import ca.aiguillage.testing.UserAgent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one page-serving application behind one address, sharing the embedded
 * MongoDB, a coordinator signed in to both through the real authorization server over
 * real HTTP: the provider's logout token reaches one instance, and the other instance's
 * next page request is signed out too; the token cannot be played again on the other.
 */
class EndedSignInsAcrossInstancesIntegrationTests {

	static final int AUTHORIZATION_PORT = TestSocketUtils.findAvailableTcpPort();

	static final String ISSUER = "http://127.0.0.1:" + AUTHORIZATION_PORT;

	static final String BACK_CHANNEL = SignInPages.BACK_CHANNEL_LOGOUT + SignInPages.REGISTRATION;

	static final List<ConfigurableApplicationContext> running = new ArrayList<>();

	static Path signingKey;

	static int first;

	static int second;

	@BeforeAll
	static void startTheAuthorizationServerAndTwoInstances() throws Exception {
		signingKey = Files.createTempDirectory("ended-sign-ins-test").resolve("signing-key.jwk.json");
		running.add(AuthorizationServerApplication.startBesideServices(AUTHORIZATION_PORT, ISSUER, signingKey));
		String database = "pages-" + UUID.randomUUID();
		first = start(database);
		second = start(database);
	}

	@AfterAll
	static void stopThem() {
		running.reversed().forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void logoutTokenSentToOneInstanceSignsThePersonOutOfTheOther() throws Exception {
		UserAgent onFirst = new UserAgent(first);
		UserAgent onSecond = new UserAgent(second);
		signIn(onFirst, first, "coordination.laval");
		signIn(onSecond, second, "coordination.laval");
		String logoutToken = logoutToken("coordination.laval");

		UserAgent.Answer delivered = new UserAgent(first).post(BACK_CHANNEL, Map.of("logout_token", logoutToken));
		UserAgent.Answer playedAgainOnTheOther = new UserAgent(second).post(BACK_CHANNEL,
				Map.of("logout_token", logoutToken));

		assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
		assertThat(playedAgainOnTheOther.status()).isEqualTo(400);
		assertSentToSignIn(onSecond.get(page(second)));
		assertSentToSignIn(onFirst.get(page(first)));
	}

	@Test
	void logoutOfOnePersonLeavesAnotherSignedInOnBothInstances() throws Exception {
		UserAgent onFirst = new UserAgent(first);
		UserAgent onSecond = new UserAgent(second);
		signIn(onFirst, first, "coordination.st-pierre");
		signIn(onSecond, second, "coordination.st-pierre");

		UserAgent.Answer delivered = new UserAgent(first).post(BACK_CHANNEL,
				Map.of("logout_token", logoutToken("intervenant.gasm-laval")));

		assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
		assertThat(onSecond.get(page(second)).body()).isEqualTo("Signed in: coordination.st-pierre");
		assertThat(onFirst.get(page(first)).body()).isEqualTo("Signed in: coordination.st-pierre");
	}

	private static void assertSentToSignIn(UserAgent.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(302);
		assertThat(URI.create(answer.redirect()).getPath()).isEqualTo("/oauth2/authorization/aiguillage");
	}

	// As a browser does: follows each redirect from where it was, gives the password on
	// the authorization server's sign-in page, and lands on the page.
	private static void signIn(UserAgent browser, int port, String username) {
		URI at = URI.create(page(port));
		UserAgent.Answer answer = browser.get(at.toString());
		boolean passwordGiven = false;
		for (int hops = 0; hops < 12 && answer.status() == 302; hops++) {
			at = at.resolve(answer.redirect());
			answer = browser.get(at.toString());
			if (!passwordGiven && at.getPath().equals("/login") && answer.status() == 200) {
				answer = browser.post(ISSUER + "/login",
						Map.of("username", username, "password", "coordination-demo", "_csrf", answer.csrfToken()));
				at = URI.create(ISSUER + "/login");
				passwordGiven = true;
			}
		}
		assertThat(passwordGiven).isTrue();
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("Signed in: " + username);
	}

	private static String page(int port) {
		return "http://127.0.0.1:" + port + "/pages";
	}

	private static String logoutToken(String subject) throws Exception {
		RSAKey key = JWK.parse(Files.readString(signingKey)).toRSAKey();
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

	private static int start(String database) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Pages.class).registerShutdownHook(false)
			.run("--server.port=0", "--spring.config.name=ended-sign-ins-pages",
					"--spring.application.name=ended-sign-ins-pages", "--aiguillage.platform.enabled=false",
					"--spring.mongodb.uri=" + EmbeddedMongoServer.uri(), "--spring.mongodb.database=" + database,
					"--spring.autoconfigure.exclude="
							+ String.join(",", "org.springframework.cloud.stream.config.BindingServiceConfiguration",
									"org.springframework.cloud.stream.function.FunctionConfiguration"),
					"--aiguillage.pages.issuer=" + ISSUER);
		running.add(context);
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
	}

	/**
	 * A page-serving application: one page for coordinators, signed in to with the
	 * platform.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Pages.Page.class)
	static class Pages {

		// The console's public client, as the services' configuration declares it.
		@Bean
		ClientRegistrationRepository registrations() {
			return new InMemoryClientRegistrationRepository(
					ClientRegistration.withRegistrationId(SignInPages.REGISTRATION)
						.clientId(ConsoleSignIn.CONSOLE)
						.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
						.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
						.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
						.scope("openid", "profile")
						.authorizationUri(ISSUER + "/oauth2/authorize")
						.tokenUri(ISSUER + "/oauth2/token")
						.jwkSetUri(ISSUER + "/oauth2/jwks")
						.userNameAttributeName("sub")
						.build());
		}

		@Bean
		SecurityFilterChain pagesSecurity(HttpSecurity http) throws Exception {
			return SignInPages.chain(http, "/pages", "/pages", "COORDINATOR");
		}

		@RestController
		static class Page {

			@GetMapping("/pages")
			String page(@AuthenticationPrincipal OidcUser person) {
				return "Signed in: " + person.getSubject();
			}

		}

	}

}

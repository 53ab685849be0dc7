package ca.aiguillage.authorization.sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.UserAgent;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An administrator ends a person's sessions or suspends the account over real HTTP, and a
 * person signing out of one application signs out of the others: each application's
 * back-channel logout address (here a real HTTP server on loopback, where the person was
 * sent back after signing in) receives a logout token signed with the server's key.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountSessionsIntegrationTests extends RunningAuthorizationServer {

	private static final String PORTAL = "aiguillage-partner-portal";

	@Autowired
	private Environment environment;

	private final BlockingQueue<String> consoleLogouts = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> portalLogouts = new LinkedBlockingQueue<>();

	private HttpServer console;

	private HttpServer portal;

	@BeforeEach
	void startTheApplicationsBackChannels() {
		this.console = receiver(this.consoleLogouts);
		this.portal = receiver(this.portalLogouts);
	}

	@AfterEach
	void stopThem() {
		this.console.stop(0);
		this.portal.stop(0);
		administer("/admin/accounts/coordination.laval/reinstate");
	}

	@Test
	void endingAPersonsSessionsSignsThemOutOfEveryApplicationAndOfThisServer() throws Exception {
		UserAgent browser = new UserAgent(this.port);
		signIn(browser, ConsoleSignIn.CONSOLE, this.console, "coordination.st-pierre", "coordination-demo");
		signIn(browser, PORTAL, this.portal, "coordination.st-pierre", "coordination-demo");

		UserAgent.Answer ended = administer("/admin/accounts/coordination.st-pierre/sessions/end");

		assertThat(ended.status()).as(ended.body()).isEqualTo(200);
		// The two it signed in to, and every declared address besides.
		assertThat(ended.<Integer>json("$.applicationsSignedOut")).isGreaterThan(2);
		JWTClaimsSet consoleToken = verified(this.consoleLogouts.poll(30, TimeUnit.SECONDS));
		assertThat(consoleToken.getAudience()).containsExactly(ConsoleSignIn.CONSOLE);
		assertThat(consoleToken.getSubject()).isEqualTo("coordination.st-pierre");
		assertThat(consoleToken.getJSONObjectClaim("events"))
			.containsKey("http://schemas.openid.net/event/backchannel-logout");
		assertThat(consoleToken.getJWTID()).isNotBlank();
		assertThat(consoleToken.getClaims()).doesNotContainKey("nonce");
		assertThat(verified(this.portalLogouts.poll(30, TimeUnit.SECONDS)).getAudience()).containsExactly(PORTAL);
		// This server's own sign-in ended too: the next visit asks for the password
		// again.
		UserAgent.Answer again = browser.get(authorize(ConsoleSignIn.CONSOLE, this.console, "x"));
		assertThat(URI.create(again.redirect()).getPath()).isEqualTo("/login");
	}

	@Test
	void suspendedAccountCannotSignInUntilReinstatedAndTheSuspensionIsKeptOnDisk(CapturedOutput output)
			throws Exception {
		UserAgent browser = new UserAgent(this.port);
		signIn(browser, ConsoleSignIn.CONSOLE, this.console, "coordination.laval", "coordination-demo");

		UserAgent.Answer suspended = administer("/admin/accounts/coordination.laval/suspend");

		assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
		assertThat(suspended.<Boolean>json("$.suspended")).isTrue();
		assertThat(verified(this.consoleLogouts.poll(30, TimeUnit.SECONDS)).getSubject())
			.isEqualTo("coordination.laval");
		UserAgent.Answer refused = passwordSignIn(new UserAgent(this.port), ConsoleSignIn.CONSOLE, this.console,
				"coordination.laval", "coordination-demo", "challenge");
		assertThat(refused.redirect()).endsWith("/login?error");
		Path file = Binder.get(this.environment)
			.bind("aiguillage.authorization.signing-key-file", Path.class)
			.get()
			.resolveSibling("suspended-accounts.txt");
		assertThat(Files.readAllLines(file)).contains("coordination.laval");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(output.getOut()).contains("Administrator admin suspended account coordination.laval");

		administer("/admin/accounts/coordination.laval/reinstate");

		assertThat(Files.readAllLines(file)).doesNotContain("coordination.laval");
		signIn(new UserAgent(this.port), ConsoleSignIn.CONSOLE, this.console, "coordination.laval",
				"coordination-demo");
	}

	@Test
	void signingOutOfOneApplicationSignsOutOfTheOthers() throws Exception {
		UserAgent browser = new UserAgent(this.port);
		String consoleIdToken = signIn(browser, ConsoleSignIn.CONSOLE, this.console, "intervenant.ahuntsic",
				"intervenant-demo");
		signIn(browser, PORTAL, this.portal, "intervenant.ahuntsic", "intervenant-demo");

		UserAgent.Answer signedOut = browser
			.get("/connect/logout?id_token_hint=" + consoleIdToken + "&client_id=" + ConsoleSignIn.CONSOLE);

		assertThat(signedOut.redirect()).contains("/login?logout");
		JWTClaimsSet portalToken = verified(this.portalLogouts.poll(30, TimeUnit.SECONDS));
		assertThat(portalToken.getAudience()).containsExactly(PORTAL);
		assertThat(portalToken.getSubject()).isEqualTo("intervenant.ahuntsic");
	}

	@Test
	void applicationThatCannotBeReachedNeverHoldsTheSignOutPageAndIsLoggedWithoutThePerson(CapturedOutput output)
			throws Exception {
		UserAgent browser = new UserAgent(this.port);
		HttpServer gone = receiver(new LinkedBlockingQueue<>());
		String idToken = signIn(browser, PORTAL, gone, "intervenant.ahuntsic", "intervenant-demo");
		gone.stop(0);

		UserAgent.Answer signedOut = browser.get("/connect/logout?id_token_hint=" + idToken + "&client_id=" + PORTAL);

		assertThat(signedOut.redirect()).contains("/login?logout");
		// Tried again a few times in the background (1 s, 5 s, 15 s apart), then logged.
		await().atMost(ofSeconds(60))
			.until(() -> output.getOut().contains("Back-channel logout not delivered to client " + PORTAL));
		assertThat(output.getOut().lines().filter((line) -> line.contains("Back-channel logout not delivered")))
			.isNotEmpty()
			.noneMatch((line) -> line.contains("intervenant.ahuntsic"));
	}

	@Test
	void onlyAnAdministratorEndsSessionsAndAnUnknownAccountIsAProblem() {
		String partner = ConsoleSignIn.accessToken(this.port, "intervenant.ahuntsic", "intervenant-demo");

		assertThat(administrator().post("/admin/accounts/coordination.laval/suspend", Map.of()).status())
			.isEqualTo(401);
		assertThat(administrator()
			.post("/admin/accounts/coordination.laval/suspend", Map.of(), "Authorization", "Bearer " + partner)
			.status()).isEqualTo(403);
		UserAgent.Answer unknown = administrator().post("/admin/accounts/nobody/sessions/end", Map.of(),
				"Authorization", "Bearer " + adminToken(), "Accept", "application/problem+json");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.<String>json("$.detail")).isEqualTo("Aucun compte ne porte ce nom.");
		UserAgent.Answer english = administrator().post("/admin/accounts/nobody/sessions/end", Map.of(),
				"Authorization", "Bearer " + adminToken(), "Accept", "application/problem+json", "Accept-Language",
				"en");
		assertThat(english.<String>json("$.detail")).isEqualTo("No account has this name.");
	}

	@Test
	void refusedAdministrationIsAProblemInFrenchByDefaultAndInEnglishOnRequest() {
		String partner = ConsoleSignIn.accessToken(this.port, "intervenant.ahuntsic", "intervenant-demo");

		UserAgent.Answer anonymous = administrator().post("/admin/accounts/coordination.laval/suspend", Map.of(),
				"Accept", "application/json");
		UserAgent.Answer notAnAdministrator = administrator().post("/admin/accounts/coordination.laval/suspend",
				Map.of(), "Authorization", "Bearer " + partner, "Accept", "application/json");
		UserAgent.Answer english = administrator().post("/admin/accounts/coordination.laval/suspend", Map.of(),
				"Authorization", "Bearer " + partner, "Accept", "application/json", "Accept-Language", "en");

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.<String>json("$.title")).isEqualTo("Authentification requise");
		assertThat(anonymous.<Integer>json("$.status")).isEqualTo(401);
		assertThat(anonymous.<String>json("$.instance")).isEqualTo("/admin/accounts/coordination.laval/suspend");
		assertThat(notAnAdministrator.status()).isEqualTo(403);
		assertThat(notAnAdministrator.<String>json("$.title")).isEqualTo("Accès refusé");
		assertThat(notAnAdministrator.<String>json("$.detail")).isEqualTo("Votre rôle ne permet pas cette action.");
		assertThat(english.status()).isEqualTo(403);
		assertThat(english.<String>json("$.title")).isEqualTo("Access denied");
	}

	@Test
	void anonymousAdministrationIsAProblemInEnglishOnRequest() {
		UserAgent.Answer english = administrator().post("/admin/accounts/coordination.laval/sessions/end", Map.of(),
				"Accept-Language", "en");

		assertThat(english.status()).isEqualTo(401);
		assertThat(english.<String>json("$.title")).isEqualTo("Authentication required");
		assertThat(english.<String>json("$.type")).isEqualTo("urn:ca:aiguillage:problem:unauthenticated");
	}

	private UserAgent.Answer administer(String action) {
		return administrator().post(action, Map.of(), "Authorization", "Bearer " + adminToken(), "Accept",
				"application/json");
	}

	private UserAgent administrator() {
		return new UserAgent(this.port);
	}

	private String adminToken() {
		return ConsoleSignIn.accessToken(this.port, "admin", "admin-demo");
	}

	// Signs a person in to an application whose pages answer on the given server, and
	// returns the ID token the application keeps.
	private String signIn(UserAgent browser, String clientId, HttpServer application, String username,
			String password) {
		String verifier = ConsoleSignIn.verifier();
		UserAgent.Answer authorized = passwordSignIn(browser, clientId, application, username, password,
				ConsoleSignIn.challenge(verifier));
		if (URI.create(authorized.redirect()).getPath().equals("/oauth2/authorize")) {
			authorized = browser.get(authorized.redirect());
		}
		String code = ConsoleSignIn.parameter(URI.create(authorized.redirect()), "code");
		UserAgent.Answer token = new UserAgent(this.port).post("/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", callback(application),
						"client_id", clientId, "code_verifier", verifier));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return token.json("$.id_token");
	}

	// Asks to sign in to an application; when this server has no sign-in yet, gives the
	// password on its sign-in page.
	private UserAgent.Answer passwordSignIn(UserAgent browser, String clientId, HttpServer application, String username,
			String password, String challenge) {
		UserAgent.Answer authorized = browser.get(authorize(clientId, application, challenge));
		if (!URI.create(authorized.redirect()).getPath().equals("/login")) {
			return authorized;
		}
		UserAgent.Answer login = browser.get("/login");
		return browser.post("/login", Map.of("username", username, "password", password, "_csrf", login.csrfToken()));
	}

	private String authorize(String clientId, HttpServer application, String challenge) {
		return UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", callback(application))
			.queryParam("scope", "openid profile")
			.queryParam("state", "state-1")
			.queryParam("code_challenge", challenge)
			.queryParam("code_challenge_method", "S256")
			.encode()
			.toUriString();
	}

	// A loopback redirect may name any port (RFC 8252): the application's own.
	private static String callback(HttpServer application) {
		return "http://127.0.0.1:" + application.getAddress().getPort() + "/login/oauth2/code/aiguillage";
	}

	private JWTClaimsSet verified(String logoutToken) throws Exception {
		assertThat(logoutToken).as("a logout token arrived").isNotNull();
		SignedJWT jwt = SignedJWT.parse(logoutToken);
		JWKSet keys = JWKSet.parse(new UserAgent(this.port).getJson("/oauth2/jwks").body());
		assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
		return claims;
	}

	// An application's back-channel logout endpoint: takes the logout token, answers 200.
	private static HttpServer receiver(BlockingQueue<String> tokens) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/logout/connect/back-channel/aiguillage", (exchange) -> {
				String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				for (String field : List.of(form.split("&"))) {
					if (field.startsWith("logout_token=")) {
						tokens.add(URLDecoder.decode(field.substring(13), StandardCharsets.UTF_8));
					}
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package ca.aiguillage.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signing in to the coordinators' console through the authorization server, as a
 * browser would: authorization code with PKCE over real HTTP, ending in a real access
 * token.
 */
public final class ConsoleSignIn {

	/** The console's public client. */
	public static final String CONSOLE = "aiguillage-console";

	/** The console's callback. */
	public static final String CALLBACK = "http://127.0.0.1:8083/login/oauth2/code/aiguillage";

	private ConsoleSignIn() {
	}

	/**
	 * A partner system's access token, obtained as any system gets one: the
	 * client-credentials grant.
	 * @param port the authorization server's port
	 * @param clientId the system's client id
	 * @param secret the client secret in clear, sent with HTTP Basic
	 * @return the access token
	 */
	public static String systemToken(int port, String clientId, String secret) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		UserAgent.Answer token = new UserAgent(port).post("/oauth2/token", Map.of("grant_type", "client_credentials"),
				"Authorization", "Basic " + basic);
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return token.json("$.access_token");
	}

	/**
	 * Signs a person in and returns the console's access token.
	 * @param port the authorization server's port
	 * @param username the person
	 * @param password their password
	 * @return the access token
	 */
	public static String accessToken(int port, String username, String password) {
		String verifier = verifier();
		String code = authorizationCode(new UserAgent(port), username, password, challenge(verifier));
		// The console's back end exchanges the code: no browser cookie goes with it.
		UserAgent.Answer token = new UserAgent(port).post("/oauth2/token", Map.of("grant_type", "authorization_code",
				"code", code, "redirect_uri", CALLBACK, "client_id", CONSOLE, "code_verifier", verifier));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return token.json("$.access_token");
	}

	public static String authorizationCode(UserAgent browser, String username, String password, String challenge) {
		UserAgent.Answer authorize = browser.get(UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", CONSOLE)
			.queryParam("redirect_uri", CALLBACK)
			.queryParam("scope", "openid profile")
			.queryParam("state", "state-1")
			.queryParam("code_challenge", challenge)
			.queryParam("code_challenge_method", "S256")
			.encode()
			.toUriString());
		assertThat(authorize.status()).isEqualTo(302);
		assertThat(URI.create(authorize.redirect()).getPath()).isEqualTo("/login");

		UserAgent.Answer login = browser.get(authorize.redirect());
		assertThat(login.status()).isEqualTo(200);
		UserAgent.Answer signedIn = browser.post("/login",
				Map.of("username", username, "password", password, "_csrf", login.csrfToken()));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(URI.create(signedIn.redirect()).getPath()).isEqualTo("/oauth2/authorize");

		UserAgent.Answer resumed = browser.get(signedIn.redirect());
		assertThat(resumed.status()).isEqualTo(302);
		URI callback = URI.create(resumed.redirect());
		assertThat(callback.getScheme() + "://" + callback.getAuthority() + callback.getPath()).isEqualTo(CALLBACK);
		assertThat(parameter(callback, "state")).isEqualTo("state-1");
		return parameter(callback, "code");
	}

	public static String verifier() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	public static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String parameter(URI uri, String name) {
		String value = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(name);
		assertThat(value).as("%s in %s", name, uri).isNotNull();
		return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}

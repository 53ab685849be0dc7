package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * A demo coordinator signing in to the console through the local stack's authorization
 * server, as a browser does (authorization code with PKCE), so that the demo history's
 * coordinators act with the same tokens as people.
 */
final class DemoSignIn {

	private static final String CONSOLE = "aiguillage-console";

	private static final String CALLBACK = "http://127.0.0.1:8083/login/oauth2/code/aiguillage";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoSignIn() {
	}

	/**
	 * @param issuer the authorization server
	 * @param username a demo account
	 * @param password its demo password (docs/identity-and-access.md)
	 * @return the console's access token for that person
	 */
	static String accessToken(String issuer, String username, String password) {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String authorize = issuer + "/oauth2/authorize?"
				+ form(Map.of("response_type", "code", "client_id", CONSOLE, "redirect_uri", CALLBACK, "scope",
						"openid profile", "state", "demo", "code_challenge", challenge(verifier),
						"code_challenge_method", "S256"));
		String login = location(send(browser, page(authorize)), issuer);
		Matcher csrf = CSRF.matcher(send(browser, page(login)).body());
		if (!csrf.find()) {
			throw new IllegalStateException("The sign-in page of " + issuer + " has no CSRF token");
		}
		HttpResponse<String> signedIn = send(browser,
				post(issuer + "/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1))));
		String resumed = location(signedIn, issuer);
		String callback = location(send(browser, page(resumed)), issuer);
		String code = parameter(URI.create(callback), "code");
		HttpResponse<String> token = send(HttpClient.newHttpClient(),
				post(issuer + "/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
						CALLBACK, "client_id", CONSOLE, "code_verifier", verifier)));
		if (token.statusCode() != 200) {
			throw new IllegalStateException(username + " got no token: HTTP " + token.statusCode());
		}
		return JSON.readTree(token.body()).get("access_token").asString();
	}

	/** A page a browser asks for: the authorization server sends browsers to sign in. */
	private static HttpRequest page(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").GET().build();
	}

	private static HttpRequest post(String uri, Map<String, String> fields) {
		return HttpRequest.newBuilder(URI.create(uri))
			.header("Accept", uri.endsWith("/token") ? "application/json" : "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build();
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String location(HttpResponse<String> response, String issuer) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException(
					"The authorization server answered HTTP " + response.statusCode() + " where it redirects"));
		return location.startsWith("/") ? issuer + location : location;
	}

	private static String parameter(URI uri, String name) {
		for (String pair : String.valueOf(uri.getRawQuery()).split("&")) {
			if (pair.startsWith(name + "=")) {
				return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		throw new IllegalStateException("No " + name + " in the authorization server's redirect");
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach the authorization server", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

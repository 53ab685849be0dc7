package ca.aiguillage.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A person's browser session on a server-rendered form, over real HTTP without a browser:
 * it opens the page (keeping its cookies and the form's CSRF token) and posts the form's
 * fields as {@code application/x-www-form-urlencoded}, as a browser would, or anything
 * else a hostile client would.
 */
public final class PageForm {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private String csrfToken = "";

	private PageForm(String base) {
		this.base = base;
	}

	/**
	 * Opens a page on loopback, as a browser would before filling in its form.
	 * @param port the service's port
	 * @param page the page's path
	 * @return the session, holding the page's cookies and CSRF token
	 */
	public static PageForm open(int port, String page) {
		PageForm form = new PageForm("http://127.0.0.1:" + port);
		Http.Answer answer = form.send(HttpRequest.newBuilder(URI.create(form.base + page)).GET());
		Matcher token = CSRF.matcher(answer.body());
		if (!token.find()) {
			throw new IllegalStateException(page + " has no form with a CSRF token (status " + answer.status() + ")");
		}
		form.csrfToken = token.group(1);
		return form;
	}

	/**
	 * Signs a person in to a service's pages through the authorization server's sign-in
	 * page, as a browser would (every redirect followed, cookies kept), then opens the
	 * page.
	 * @param port the service's port
	 * @param page the page's path, behind the sign-in
	 * @param username who signs in
	 * @param password their password
	 * @return the signed-in session, holding the page's cookies and CSRF token
	 */
	public static PageForm signedIn(int port, String page, String username, String password) {
		PageForm form = new PageForm("http://127.0.0.1:" + port);
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(form.cookies)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		// A browser asks for HTML: the authorization server sends it to its sign-in page.
		HttpResponse<String> signInPage = send(browser,
				HttpRequest.newBuilder(URI.create(form.base + page)).header("Accept", "text/html").GET());
		Matcher signInToken = CSRF.matcher(signInPage.body());
		if (!signInPage.uri().getPath().equals("/login") || !signInToken.find()) {
			throw new IllegalStateException(page + " did not lead to a sign-in page: " + signInPage.uri());
		}
		String credentials = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
				+ encode(signInToken.group(1));
		HttpResponse<String> signedIn = send(browser,
				HttpRequest.newBuilder(signInPage.uri())
					.header("Accept", "text/html")
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(credentials)));
		if (signedIn.uri().getPort() != port) {
			throw new IllegalStateException(username + " was not signed in: " + signedIn.uri());
		}
		HttpResponse<String> opened = send(browser,
				HttpRequest.newBuilder(URI.create(form.base + page)).header("Accept", "text/html").GET());
		Matcher token = CSRF.matcher(opened.body());
		if (opened.uri().getPort() != port || !token.find()) {
			throw new IllegalStateException(page + " has no form with a CSRF token once signed in: " + opened.uri());
		}
		form.csrfToken = token.group(1);
		return form;
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Posts fields as the form would, with the session's CSRF token.
	 * @param path the form's action
	 * @param fields each field's name and values
	 * @param headers extra header names and values
	 * @return the answer
	 */
	public Http.Answer post(String path, Map<String, List<String>> fields, String... headers) {
		StringBuilder body = new StringBuilder("_csrf=").append(encode(this.csrfToken));
		fields.forEach((name, values) -> values
			.forEach((value) -> body.append('&').append(encode(name)).append('=').append(encode(value))));
		return postRaw(path, "application/x-www-form-urlencoded", body.toString(), headers);
	}

	/**
	 * Posts any body with any content type in this session (the CSRF token is sent as its
	 * header), as a hostile client would.
	 * @param path the form's action
	 * @param contentType the content type claimed, or null for none
	 * @param body the body
	 * @param headers extra header names and values
	 * @return the answer
	 */
	public Http.Answer postRaw(String path, @Nullable String contentType, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("X-CSRF-TOKEN", this.csrfToken)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	private Http.Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			Map<String, String> first = new HashMap<>();
			response.headers().map().forEach((name, values) -> first.put(name.toLowerCase(), values.get(0)));
			return new Http.Answer(response.statusCode(), first, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

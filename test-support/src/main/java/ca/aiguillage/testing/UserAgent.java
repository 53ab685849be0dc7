package ca.aiguillage.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Real HTTP to the server on loopback, as a person's browser or a partner's system makes
 * it: cookies kept, forms posted, and a redirect followed only when the test says so, so
 * that every hop of a sign-in can be asserted.
 */
public final class UserAgent {

	private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final URI base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public UserAgent(int port) {
		this.base = URI.create("http://127.0.0.1:" + port + "/");
	}

	/**
	 * What the server answered.
	 *
	 * @param status the status code
	 * @param body the body as text
	 * @param location the redirect target, if any
	 * @param setCookies the names of the cookies this answer set
	 */
	public record Answer(int status, String body, @Nullable String location, List<String> setCookies) {

		public <T> T json(String path) {
			return JsonBody.read(this.body, path);
		}

		public String csrfToken() {
			Matcher matcher = CSRF.matcher(this.body);
			if (!matcher.find()) {
				throw new AssertionError("No CSRF token in:\n" + this.body);
			}
			return matcher.group(1);
		}

		public String redirect() {
			if (this.location == null) {
				throw new AssertionError("Not a redirect: " + this.status + "\n" + this.body);
			}
			return this.location;
		}

	}

	/**
	 * Opens a page, as a browser does.
	 * @param target a path or an absolute URL on this server
	 * @param headers extra header names and values
	 * @return the answer
	 */
	public Answer get(String target, String... headers) {
		return send(HttpRequest.newBuilder(this.base.resolve(target)).GET(), "text/html", headers);
	}

	/**
	 * Fetches a JSON document, as a program does.
	 * @param target a path or an absolute URL on this server
	 * @return the answer
	 */
	public Answer getJson(String target) {
		return send(HttpRequest.newBuilder(this.base.resolve(target)).GET(), "application/json");
	}

	/**
	 * Submits a form: a login page's, or a token request.
	 * @param target a path or an absolute URL on this server
	 * @param form the fields
	 * @param headers extra header names and values
	 * @return the answer
	 */
	public Answer post(String target, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(this.base.resolve(target))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)), "text/html", headers);
	}

	public @Nullable String cookie(String name) {
		return this.cookies.get(name);
	}

	private Answer send(HttpRequest.Builder request, String accept, String... headers) {
		request.header("Accept", accept);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		try {
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			List<String> set = response.headers().allValues("Set-Cookie").stream().map(this::keep).toList();
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(null), set);
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String keep(String setCookie) {
		String pair = setCookie.split(";", 2)[0];
		String name = pair.substring(0, pair.indexOf('=')).trim();
		String value = pair.substring(pair.indexOf('=') + 1).trim();
		if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
			this.cookies.remove(name);
		}
		else {
			this.cookies.put(name, value);
		}
		return name;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

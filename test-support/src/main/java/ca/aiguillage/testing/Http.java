package ca.aiguillage.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Real HTTP calls to a service on loopback, as a partner's system would make them. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String[] defaultHeaders;

	public Http(String base, String... defaultHeaders) {
		this.base = base;
		this.defaultHeaders = defaultHeaders;
	}

	/**
	 * The same service, called with a bearer token.
	 * @param token an access token
	 * @return a client that sends it with every request
	 */
	public Http withToken(String token) {
		return new Http(this.base, "Authorization", "Bearer " + token);
	}

	public static Http localhost(int port) {
		return new Http("http://127.0.0.1:" + port);
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the status code
	 * @param headers the response headers (first value of each)
	 * @param body the body as text
	 */
	public record Answer(int status, Map<String, String> headers, String body) {

		public <T> T json(String path) {
			return JsonBody.read(this.body, path);
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

	}

	public Answer get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), headers);
	}

	/**
	 * Any call, for authorization tests that walk every endpoint.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param json the body, or null for none
	 * @return the answer
	 */
	public Answer call(String method, String path, @Nullable String json) {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.method(method, body));
	}

	public Answer postJson(String path, String json, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), headers);
	}

	public Answer putJson(String path, String json, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
	}

	private Answer send(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i + 1 < this.defaultHeaders.length; i += 2) {
			request.header(this.defaultHeaders[i], this.defaultHeaders[i + 1]);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			Map<String, String> first = new java.util.HashMap<>();
			response.headers().map().forEach((name, values) -> first.put(name.toLowerCase(), values.get(0)));
			return new Answer(response.statusCode(), first, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

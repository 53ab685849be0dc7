package ca.aiguillage.waitlist.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * matching-service's and referral-service's APIs the console reads at view time, as a
 * loopback stub answering their documented JSON: the other services do not run in this
 * service's tests. It remembers what it was asked and with which token, and can stop
 * answering to show how pages degrade.
 */
final class NeighbourStub implements AutoCloseable {

	private final HttpServer server;

	/** Each request: its path and query, and its Authorization header. */
	final List<String> requests = new CopyOnWriteArrayList<>();

	private volatile boolean answering = true;

	/** The referral the possible duplicates are compared with. */
	private volatile String duplicateOf = "none";

	private NeighbourStub(HttpServer server) {
		this.server = server;
	}

	static NeighbourStub start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			NeighbourStub stub = new NeighbourStub(server);
			server.createContext("/", stub::answer);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void answering(boolean answering) {
		this.answering = answering;
	}

	void comparingWith(String referralId) {
		this.duplicateOf = referralId;
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String query = exchange.getRequestURI().getRawQuery();
		this.requests.add(((exchange.getRequestMethod().equals("POST")) ? "POST " : "") + path
				+ ((query != null) ? "?" + query : "") + " " + exchange.getRequestHeaders().getFirst("Authorization"));
		if (!this.answering) {
			send(exchange, 503, "{}");
			return;
		}
		if (path.equals("/api/v1/organizations")) {
			send(exchange, 200,
					"""
							[{"id":"org-laval","name":"Centre de Laval","serviceArea":["H2M","H7"],"languages":["fr","es"]},
							{"id":"org-montreal-nord","name":"Psychothérapie Montréal-Nord","serviceArea":["H1"],"languages":["fr"]}]""");
		}
		else if (path.equals("/api/v1/therapists")) {
			send(exchange, 200, """
					{"content":[{"id":"t-07","organizationId":"org-laval","firstName":"Camille"},
					{"id":"t-12","organizationId":"org-laval","firstName":"Julie"}],
					"page":{"size":100,"number":0,"totalElements":2,"totalPages":1}}""");
		}
		else if (path.matches("/api/v1/referrals/[^/]+/override-candidates")) {
			send(exchange, 200, """
					[{"therapistId":"t-12","name":"Julie","organizationId":"org-laval","freePlaces":2,
					"constraintsBroken":["SHARED_LANGUAGE"]},
					{"therapistId":"t-99","name":"Inès","organizationId":"org-laval","freePlaces":1,
					"constraintsBroken":[]}]""");
		}
		else if (path.matches("/api/v1/referrals/[^/]+/identity")) {
			// referral-service's ClientIdentity: the consented channels as one object.
			send(exchange, 200, """
					{"referralId":"r","firstName":"Marie","lastName":"Tremblay","preferredLanguage":"fr",
					"preferredContact":"SMS","channels":{"email":"marie@example.org","sms":"+15145550123"}}""");
		}
		else if (path.matches("/api/v1/referrals/[^/]+/possible-duplicates")) {
			String id = path.split("/")[4];
			send(exchange, 200, """
					{"referralId":"%1$s","person":{"referralId":"%1$s","status":"WAITLISTED",
					"receivedAt":"2026-12-01T13:05:00Z","firstName":"Julien","lastName":"Tremblay",
					"dateOfBirth":"1990-04-02","postalCode":"H2M 1A1","email":"julien.t@example.org",
					"mobilePhone":"+15145550123","contactWithheld":false},
					"candidates":[{"person":{"referralId":"%2$s","status":"WAITLISTED",
					"receivedAt":"2026-11-20T15:30:00Z","firstName":"Marie","lastName":"Tremblay",
					"dateOfBirth":"1988-03-14","postalCode":"H7N 2B2","email":null,
					"mobilePhone":"+15145550123","contactWithheld":false},"matchedOn":["PHONE"]}]}""".formatted(id,
					this.duplicateOf));
		}
		else if (exchange.getRequestMethod().equals("POST")
				&& path.matches("/api/v1/referrals/[^/]+/possible-duplicates/[^/]+/(link|separate)")) {
			send(exchange, 200, "{\"referralId\":\"" + path.split("/")[4] + "\"}");
		}
		else {
			send(exchange, 404, "{}");
		}
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

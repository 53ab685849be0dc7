package ca.aiguillage.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator as a partner's integration engine facing a busy intake: a stand-in for
 * the authorization server and referral-service on the loopback refuses the first post
 * with 503 and {@code Retry-After: 1}, then takes it.
 */
class PartnerClientResendTests {

	private final List<String> keysSent = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private Target target;

	@BeforeEach
	void busyReferralService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/oauth2/token", (exchange) -> answer(exchange, 200, "{\"access_token\":\"t\"}"));
		this.server.createContext("/api/v1/referrals", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			this.keysSent.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
			if (this.keysSent.size() == 1) {
				exchange.getResponseHeaders().add("Retry-After", "1");
				answer(exchange, 503, "{\"type\":\"urn:ca:aiguillage:problem:intake-busy\"}");
			}
			else {
				answer(exchange, 201, "{\"referralId\":\"r-1\"}");
			}
		});
		this.server.start();
		String base = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.target = new Target(base, base, "127.0.0.1:9", (principal) -> Map.of(), "mongodb://127.0.0.1:9", null);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aPostRefusedWith503IsSentAgainAfterItsRetryAfterWithTheSameKeyAndTimedFromItsFirstOffer() throws Exception {
		Latency accepted = new Latency("HTTP accept (201)");
		Errors errors = new Errors();
		LongAdder resent = new LongAdder();
		long offered = System.nanoTime();

		try (PartnerClient partner = new PartnerClient(this.target, false)) {
			String id = partner.post(Map.of("partnerReference", "LOAD-1"), offered, accepted, errors, resent);

			assertThat(id).isEqualTo("r-1");
		}
		assertThat(resent.sum()).isEqualTo(1);
		assertThat(errors.total()).isZero();
		assertThat(this.keysSent).hasSize(2).doesNotContain("null").containsOnly(this.keysSent.get(0));
		assertThat(accepted.count()).isEqualTo(1);
		assertThat(accepted.millis(50)).isGreaterThanOrEqualTo(1000.0);
	}

	@Test
	void withoutResendingA503IsCountedAsAnErrorAndSentOnce() throws Exception {
		Latency accepted = new Latency("HTTP accept (201)");
		Errors errors = new Errors();

		try (PartnerClient partner = new PartnerClient(this.target, false)) {
			assertThat(partner.post(Map.of("partnerReference", "LOAD-1"), System.nanoTime(), accepted, errors))
				.isNull();
		}
		assertThat(errors.byKind()).containsExactly(Map.entry("HTTP 503", 1L));
		assertThat(this.keysSent).containsExactly("null");
		assertThat(accepted.count()).isZero();
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}

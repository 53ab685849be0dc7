package ca.aiguillage.fhir.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Bundle arriving while referral-service's intake is full: referral-service (here a
 * stand-in on the loopback answering as it does then) refuses with 503 and
 * {@code Retry-After}, and the partner hears the same.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=fhir-gateway")
class BusyIntakeIntegrationTests extends RunningService {

	private static final AtomicInteger REFERRALS_POSTED = new AtomicInteger();

	private static final HttpServer BUSY_REFERRAL_SERVICE = busyReferralService();

	@DynamicPropertySource
	static void referralService(DynamicPropertyRegistry registry) {
		registry.add("fhir.referral-service", () -> "http://127.0.0.1:" + BUSY_REFERRAL_SERVICE.getAddress().getPort());
	}

	@AfterAll
	static void stop() {
		BUSY_REFERRAL_SERVICE.stop(0);
	}

	@Test
	void aBundleArrivingWhileIntakeIsFullGets503WithTheSameRetryAfterAndWordsInTheCallersLanguage() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic"));
		String bundle = Fixtures.repositoryFile("examples/fhir/referral-bundle.json");

		Http.Answer french = partner.postJson("/fhir", bundle);
		Http.Answer english = partner.postJson("/fhir", bundle, "Accept-Language", "en");

		assertThat(REFERRALS_POSTED).hasValue(2);
		assertThat(french.status()).isEqualTo(503);
		assertThat(french.header("Retry-After")).isEqualTo("10");
		assertThat(french.<String>json("$.resourceType")).isEqualTo("OperationOutcome");
		assertThat(french.<List<String>>json("$.issue[*].code")).containsExactly("transient");
		assertThat(french.<String>json("$.issue[0].details.text")).contains("Rien n'a été enregistré");
		assertThat(english.status()).isEqualTo(503);
		assertThat(english.header("Retry-After")).isEqualTo("10");
		assertThat(english.<String>json("$.issue[0].details.text")).contains("Nothing was stored");
	}

	private static HttpServer busyReferralService() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/api/v1/referrals", BusyIntakeIntegrationTests::refuse);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void refuse(HttpExchange exchange) throws IOException {
		REFERRALS_POSTED.incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		boolean english = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Language")).startsWith("en");
		String detail = english ? "Too many referrals are arriving at once. Nothing was stored."
				: "Trop de demandes arrivent en même temps. Rien n'a été enregistré.";
		byte[] body = ("{\"type\":\"urn:ca:aiguillage:problem:intake-busy\",\"status\":503,\"detail\":\"" + detail
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
		exchange.getResponseHeaders().add("Retry-After", "10");
		exchange.sendResponseHeaders(503, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}

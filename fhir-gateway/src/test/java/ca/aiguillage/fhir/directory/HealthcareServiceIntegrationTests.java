package ca.aiguillage.fhir.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway booted on the real broker and the embedded MongoDB: each organization's
 * HealthcareService follows the directory changes matching publishes.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=fhir-gateway", "fhir.referral-service=http://127.0.0.1:9" })
class HealthcareServiceIntegrationTests extends RunningService {

	private static final EventJson JSON = new EventJson();

	private static final String LISTED = "org-listed";

	// matching-service's organization list, as a real HTTP server on loopback.
	private static final List<String> MATCHING_CALLS = new CopyOnWriteArrayList<>();

	private static final HttpServer MATCHING = matching();

	@DynamicPropertySource
	static void matchingService(DynamicPropertyRegistry registry) {
		registry.add("fhir.directory.matching-service", () -> "http://127.0.0.1:" + MATCHING.getAddress().getPort());
	}

	private static HttpServer matching() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/api/v1/organizations", (exchange) -> {
				MATCHING_CALLS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
				byte[] body = """
						[{"id":"%s","name":"Centre de psychothérapie de Laval","serviceArea":["H7","J7E"],
						  "languages":["fr"]}]""".formatted(LISTED).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Http partner;

	@BeforeEach
	void partner() {
		this.partner = this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic"));
	}

	@Test
	void capacityFollowsTheFreePlacesAndNeverGoesBackToAnOlderChange() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		publish(changed("t-1", organization, 1, now, List.of("fr", "es")));

		await().atMost(ofSeconds(20)).untilAsserted(() -> assertThat(capacity(organization)).isEqualTo("capacity"));

		publish(changed("t-1", organization, 0, now.plusSeconds(2), List.of("fr", "es")));
		await().atMost(ofSeconds(20)).untilAsserted(() -> assertThat(capacity(organization)).isEqualTo("waitlist"));
		// Late and older: the place it shows free was taken since.
		publish(changed("t-1", organization, 1, now.plusSeconds(1), List.of("fr", "es")));
		await().during(ofSeconds(1))
			.atMost(ofSeconds(5))
			.untilAsserted(() -> assertThat(capacity(organization)).isEqualTo("waitlist"));

		Http.Answer service = this.partner.get("/fhir/HealthcareService/" + organization);
		assertThat(service.header("Content-Type")).startsWith("application/fhir+json");
		assertThat(service.<List<String>>json("$.communication[*].coding[0].code")).containsExactly("es", "fr");
		assertThat(service.<String>json("$.providedBy.reference")).isEqualTo("Organization/" + organization);
	}

	@Test
	void serviceNamesItsOrganizationAndServiceAreaAsMatchingListsThem() {
		String token = this.tokens.partner("clsc-ahuntsic");
		publish(changed("t-" + LISTED, LISTED, 1, Instant.now(), List.of("fr")));
		await().atMost(ofSeconds(20))
			.untilAsserted(
					() -> assertThat(this.partner.get("/fhir/HealthcareService/" + LISTED).status()).isEqualTo(200));

		Http.Answer service = this.anonymous.withToken(token).get("/fhir/HealthcareService/" + LISTED);
		Http.Answer found = this.partner.get("/fhir/HealthcareService?organization=" + LISTED);

		assertThat(service.<String>json("$.name")).isEqualTo("Psychothérapie – Centre de psychothérapie de Laval");
		assertThat(service.<String>json("$.providedBy.display")).isEqualTo("Centre de psychothérapie de Laval");
		assertThat(service.<List<String>>json("$.coverageArea[*].reference")).containsExactly("#area-H7", "#area-J7E");
		assertThat(service.<List<String>>json("$.contained[*].address.postalCode")).containsExactly("H7", "J7E");
		assertThat(found.<List<String>>json("$.entry[0].resource.coverageArea[*].reference")).hasSize(2);
		// Read with a caller's token, then kept: one read for every request since.
		assertThat(MATCHING_CALLS).hasSize(1);
		assertThat(MATCHING_CALLS.get(0)).startsWith("Bearer ");
	}

	@Test
	void searchFindsServicesByOrganizationAndLanguage() {
		String spanish = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String arabic = "org-" + UUID.randomUUID().toString().substring(0, 8);
		publish(changed("t-" + spanish, spanish, 2, Instant.now(), List.of("fr", "es")));
		publish(changed("t-" + arabic, arabic, 0, Instant.now(), List.of("ar")));
		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.partner.get("/fhir/HealthcareService/" + spanish).status()).isEqualTo(200);
			assertThat(this.partner.get("/fhir/HealthcareService/" + arabic).status()).isEqualTo(200);
		});

		assertThat(ids("/fhir/HealthcareService?organization=Organization/" + spanish)).containsExactly(spanish);
		assertThat(ids("/fhir/HealthcareService?organization=" + arabic)).containsExactly(arabic);
		assertThat(ids("/fhir/HealthcareService?language=es")).contains(spanish).doesNotContain(arabic);
		assertThat(ids("/fhir/HealthcareService?language=urn:ietf:bcp:47%7Car-MA")).contains(arabic)
			.doesNotContain(spanish);
		assertThat(ids("/fhir/HealthcareService?organization=" + spanish + "&language=ar")).isEmpty();
	}

	@Test
	void unknownOrganizationOrParameterIsAnOperationOutcome() {
		Http.Answer unknown = this.partner.get("/fhir/HealthcareService/org-" + UUID.randomUUID());
		Http.Answer parameter = this.partner.get("/fhir/HealthcareService?name=Laval", "Accept-Language", "en");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.<String>json("$.issue[0].code")).isEqualTo("not-found");
		assertThat(parameter.status()).isEqualTo(400);
		assertThat(parameter.<String>json("$.issue[0].expression[0]")).isEqualTo("name");
		assertThat(this.anonymous.get("/fhir/HealthcareService").status()).isEqualTo(401);
	}

	private String capacity(String organization) {
		Http.Answer service = this.partner.get("/fhir/HealthcareService/" + organization);
		assertThat(service.status()).as(service.body()).isEqualTo(200);
		List<String> codes = service
			.json("$.extension[0].extension[?(@.url == 'capacityStatus')].valueCodeableConcept.coding[0].code");
		return codes.get(0);
	}

	private List<String> ids(String search) {
		Http.Answer answer = this.partner.get(search);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return (answer.<Integer>json("$.total") == 0) ? List.of() : answer.json("$.entry[*].resource.id");
	}

	private void publish(TherapistChangedV1 change) {
		EventDefinition<?> definition = EventCatalog.of(change);
		String subject = definition.subjectOf(change);
		this.kafka.send(definition.topic(), subject, JSON.write(change),
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), definition.type(), subject));
	}

	private static TherapistChangedV1 changed(String therapistId, String organization, int free, Instant at,
			List<String> languages) {
		return new TherapistChangedV1(therapistId, organization, true, 2, 1, free, at, languages,
				List.of(Approach.SYSTEMIC), List.of(Clientele.ADULT), List.of(Modality.VIDEO));
	}

}

package ca.aiguillage.platform.logging;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import ca.aiguillage.platform.probe.ProbeServer;
import ca.aiguillage.testing.EmbeddedMongoServer;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code AIGUILLAGE_LOG_FORMAT=json}, as docker-compose and Kubernetes start the
 * services: a service started in its own process writes one JSON object a line on its
 * console, each naming the service and, within a request, its trace and span, and nothing
 * of the person the request was about.
 */
class JsonLogsIntegrationTests {

	private static final String NAME = "Marie-Ève Tremblay";

	private static final String EMAIL = "marie-eve.tremblay@example.org";

	private static final String REASON = "Anxiété depuis la perte de son emploi";

	private static final String PHONE = "5145550142";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// Kept when the test fails, to read what the service wrote.
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path logs;

	static EmbeddedKafkaKraftBroker broker;

	static Process service;

	static Path stdout;

	static int port;

	@BeforeAll
	static void startTheServiceWithJsonLogs() throws IOException {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		port = freePort();
		stdout = logs.resolve("stdout.log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), ProbeServer.class.getName(), "--server.port=" + port,
				"--spring.mongodb.uri=" + EmbeddedMongoServer.uri(), "--spring.mongodb.database=json-logs",
				"--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.get().issuer(),
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestIssuer.get().jwkSetUri())
			.redirectOutput(stdout.toFile())
			.redirectError(logs.resolve("stderr.log").toFile());
		builder.environment().put("AIGUILLAGE_LOG_FORMAT", "json");
		service = builder.start();
		await().atMost(ofSeconds(120))
			.until(() -> !service.isAlive() || lines().stream()
				.anyMatch((line) -> line.contains("Started ProbeServer") || line.contains("Application run failed")));
		assertThat(service.isAlive()).as(String.join("\n", lines())).isTrue();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (service != null) {
			service.destroy();
			service.waitFor();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	void everyLineIsJsonNamingTheServiceAndALineWithinARequestCarriesItsTraceButNotThePerson() {
		String traceId = hex(16);
		String callersSpan = hex(8);
		Http partner = Http.localhost(port).withToken(TestIssuer.get().admin());

		Http.Answer accepted = partner.postJson("/probe/intake?phone=" + PHONE, person(), "traceparent",
				"00-" + traceId + "-" + callersSpan + "-01");
		Http.Answer malformed = partner.postJson("/probe/intake?phone=" + PHONE,
				"{\"name\": \"" + NAME + "\", \"email\": [\"" + EMAIL + "\"", "traceparent",
				"00-" + hex(16) + "-" + hex(8) + "-01");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
		assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
		String id = accepted.json("$.id");

		JsonNode intake = await().atMost(ofSeconds(20))
			.until(() -> parsed().stream().filter((line) -> line.path("message").asString("").contains(id)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(intake.path("traceId").asString()).isEqualTo(traceId);
		assertThat(intake.path("spanId").asString()).matches("[0-9a-f]{16}").isNotEqualTo(callersSpan);
		assertThat(intake.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(intake.path("@timestamp").asString()).isNotEmpty();

		List<JsonNode> all = parsed();
		assertThat(all).hasSizeGreaterThan(10)
			.allSatisfy((line) -> assertThat(line.path("service").path("name").asString()).isEqualTo("platform-tests"));
		String everything = String.join("\n", lines());
		for (String personal : List.of(NAME, "Marie-", "Tremblay", EMAIL, "example.org", REASON, "Anxiété", PHONE)) {
			assertThat(everything).as("the service's console").doesNotContainIgnoringCase(personal);
		}
	}

	private static String person() {
		return "{\"name\": \"" + NAME + "\", \"email\": \"" + EMAIL + "\", \"reason\": \"" + REASON + "\"}";
	}

	// Every line must be one JSON object: a line that is not fails the test here.
	private static List<JsonNode> parsed() {
		return lines().stream().filter((line) -> !line.isBlank()).map(JSON::readTree).toList();
	}

	private static List<String> lines() {
		try {
			return Files.readAllLines(stdout, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}

package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import ca.aiguillage.referral.ReferralApplication;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A referral acknowledged with 201 survives a {@code kill -9} of the embedded database:
 * the store runs in a child process that the test kills without warning and starts again.
 */
@SpringBootTest(classes = ReferralApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + ReferralApplication.CONFIG_NAME, "spring.mongodb.database=referral",
				"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}" })
// The broker's address in its own system property, not the binder's: a system property
// outlives the test, and the binder's would send a stack later started in this JVM
// (LoadGeneratorIntegrationTests) to this test's broker. The context closes with the
// class
// for the same reason: its relay would go on calling the killed store.
@EmbeddedKafka(partitions = 1)
@DirtiesContext
class AcknowledgedReferralDurabilityTests {

	@TempDir
	static Path data;

	static int mongoPort = FreePorts.next();

	static Process mongo;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void embeddedMongoInAChildProcess(DynamicPropertyRegistry registry) {
		mongo = startMongo();
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongoPort);
		registry.add("referral.privacy.key-file", () -> data.resolve("keys.json"));
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIssuer.get().issuer());
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> TestIssuer.get().jwkSetUri());
	}

	@AfterAll
	static void stopMongo() {
		mongo.destroyForcibly();
	}

	@Test
	void referralAcknowledgedWith201SurvivesAKillOfTheDatabaseProcess() throws InterruptedException {
		Http http = Http.localhost(this.port).withToken(TestIssuer.get().partner("clsc-ahuntsic"));
		Http.Answer posted = http.postJson("/api/v1/referrals", Fixtures.repositoryFile("examples/referral.json"));
		assertThat(posted.status()).isEqualTo(201);
		String id = posted.json("$.referralId");

		mongo.destroyForcibly().waitFor();
		mongo = startMongo();

		await().atMost(ofSeconds(60)).untilAsserted(() -> {
			Http.Answer status = http.get("/api/v1/referrals/" + id);
			assertThat(status.status()).isEqualTo(200);
			assertThat(status.<String>json("$.status")).isEqualTo("SUBMITTED");
		});
	}

	private static Process startMongo() {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		try {
			Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					EmbeddedMongo.class.getName(), data.resolve("mongo.mv").toString(), String.valueOf(mongoPort))
				.inheritIO()
				.start();
			await().atMost(ofSeconds(30)).until(AcknowledgedReferralDurabilityTests::mongoAnswers);
			return process;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean mongoAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", mongoPort), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}

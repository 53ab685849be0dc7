package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same scenario against the real images docker-compose uses. Skipped where no Docker
 * engine runs (as on the project's CI machines, which have only the Docker client).
 */
@Testcontainers(disabledWithoutDocker = true)
class EndToEndContainerTests {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0.4");

	@TempDir
	static Path data;

	static LocalStack services;

	@BeforeAll
	static void start() {
		services = LocalStack.startServices(kafka.getBootstrapServers(), mongo.getConnectionString(), data,
				FreePorts.next(), List.of(0, 0, 0, 0), true);
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void referralTravelsFromIntakeThroughMatchingToTheQueueAndANotification() {
		ReferralJourney.referralTravelsThroughAllFourServices(services);
	}

}

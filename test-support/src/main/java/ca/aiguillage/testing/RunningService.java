package ca.aiguillage.testing;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The base of a {@link ServiceIntegrationTest}: HTTP to the booted service and raw Kafka
 * to its broker, ready before each test.
 */
public abstract class RunningService {

	protected final TestIssuer tokens = TestIssuer.get();

	protected Http http;

	protected Http anonymous;

	protected KafkaProbe kafka;

	@BeforeEach
	void connectToTheRunningService(@Value("${local.server.port}") int port, @Autowired EmbeddedKafkaBroker broker) {
		this.anonymous = Http.localhost(port);
		this.http = this.anonymous.withToken(this.tokens.admin());
		// This context's own broker: the brokers property is a JVM-wide system property
		// that the last context sets.
		this.kafka = new KafkaProbe(broker.getBrokersAsString());
	}

}

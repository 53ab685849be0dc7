package ca.aiguillage.testing;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Value;

/**
 * The base of a {@link ServiceIntegrationTest}: HTTP to the booted service and raw Kafka
 * to its broker, ready before each test.
 */
public abstract class RunningService {

	protected Http http;

	protected KafkaProbe kafka;

	@BeforeEach
	void connectToTheRunningService(@Value("${local.server.port}") int port,
			@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
		this.http = Http.localhost(port);
		this.kafka = new KafkaProbe(brokers);
	}

}

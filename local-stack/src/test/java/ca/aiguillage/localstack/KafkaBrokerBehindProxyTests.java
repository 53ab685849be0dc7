package ca.aiguillage.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.testing.FaultyProxy;
import ca.aiguillage.testing.KafkaProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that advertises its front's port: a client's connections all go through the
 * front, so cutting it cuts the broker off from its clients, as the fault tier does to
 * the database.
 */
class KafkaBrokerBehindProxyTests {

	private static final Duration CUT = Duration.ofSeconds(5);

	@TempDir
	Path data;

	@Test
	void aCutInFrontOfTheBrokerHoldsBackAConnectedProducerUntilItIsRestored() throws Exception {
		int port = FreePorts.next();
		try (FaultyProxy front = FaultyProxy.start(port);
				KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), port, FreePorts.next(),
						front.port());
				KafkaProducer<byte[], byte[]> producer = producer(broker)) {
			assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + front.port());
			producer.send(record("before")).get(60, TimeUnit.SECONDS);

			front.cut();
			// Connected before the cut: had it reached the broker past the front, it
			// would
			// still be sending.
			Future<RecordMetadata> during = producer.send(record("during"));
			await().during(CUT).atMost(CUT.plusSeconds(5)).until(() -> !during.isDone());
			front.restore();

			during.get(60, TimeUnit.SECONDS);
			assertThat(new KafkaProbe(broker.clientSettings(KafkaPrincipals.ADMIN)).readAll("fault.probe"))
				.extracting(KafkaProbe.WireRecord::value)
				.containsExactly("before", "during");
		}
	}

	private static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker) {
		Properties config = new Properties();
		config.putAll(broker.clientSettings(KafkaPrincipals.ADMIN));
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static ProducerRecord<byte[], byte[]> record(String value) {
		return new ProducerRecord<>("fault.probe", 0, "key".getBytes(StandardCharsets.UTF_8),
				value.getBytes(StandardCharsets.UTF_8));
	}

}

package ca.aiguillage.localstack;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import ca.aiguillage.contracts.Topics;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory formatted before the broker asked for logins starts with logins: the
 * administrator is added once, then every principal and ACL as on a new directory.
 */
class KafkaBrokerUpgradeTests {

	@TempDir
	Path data;

	@Test
	void aBrokerFormattedWithoutLoginsIsSecuredOnItsNextStart() throws Exception {
		int port = FreePorts.next();
		int controllerPort = FreePorts.next();
		formatAsBefore(this.data.resolve("kafka"), port, controllerPort);

		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), port, controllerPort)) {
			Map<String, Object> settings = new HashMap<>(broker.clientSettings("clsc-ahuntsic"));
			settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
					new StringSerializer())) {
				assertThat(producer.send(new ProducerRecord<>(Topics.inboundOf("clsc-ahuntsic"), "key", "{}"))
					.get()
					.topic()).isEqualTo("referrals.inbound.clsc-ahuntsic");
			}
		}
		assertThat(this.data.resolve("kafka-secured")).exists();
	}

	/** What the local stack wrote before the broker asked for logins. */
	private static void formatAsBefore(Path logDir, int port, int controllerPort) throws Exception {
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		config.put("controller.listener.names", "CONTROLLER");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("log.dirs", logDir.toAbsolutePath().toString());
		Files.createDirectories(logDir);
		Path file = logDir.getParent().resolve("old-format.properties");
		try (OutputStream out = Files.newOutputStream(file)) {
			config.store(out, null);
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status = StorageTool.execute(new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(),
				"--config", file.toString(), "--ignore-formatted" },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(status).as(output.toString(StandardCharsets.UTF_8)).isZero();
	}

}

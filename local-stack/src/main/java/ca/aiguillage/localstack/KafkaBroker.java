package ca.aiguillage.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), its log
 * under the data directory so that topics and offsets survive restarts. The storage is
 * formatted once.
 */
final class KafkaBroker implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	static KafkaBroker start(Path logDir, int port, int controllerPort) {
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
		config.put("num.partitions", "3");
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "3");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("auto.create.topics.enable", "true");
		config.put("log.retention.hours", "-1");
		formatOnce(logDir, config);
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		server.startup();
		return new KafkaBroker(server, "127.0.0.1:" + port);
	}

	private static void formatOnce(Path logDir, Properties config) {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			Path file = logDir.getParent().resolve("kafka-server.properties");
			try (OutputStream out = Files.newOutputStream(file)) {
				config.store(out, "Written by the local stack to format the broker's storage");
			}
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			int status = StorageTool
				.execute(
						new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
								file.toString(), "--ignore-formatted" },
						new PrintStream(output, true, StandardCharsets.UTF_8));
			if (status != 0) {
				throw new IllegalStateException("Could not format Kafka storage: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}

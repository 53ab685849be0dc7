package ca.aiguillage.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ca.aiguillage.contracts.Topics;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), its log
 * under the data directory so that topics and offsets survive restarts. The storage is
 * formatted once.
 */
final class KafkaBroker implements AutoCloseable {

	/** The services' own event topics: no personal data, kept without time limit. */
	static final List<String> EVENT_TOPICS = List.of(Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS,
			Topics.WAITLIST_EVENTS, Topics.NOTIFICATION_EVENTS);

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
		// Topics that may hold personal data (partners' inbound referrals, every
		// dead-letter
		// topic) keep days, not forever; the services' own event topics, which carry no
		// personal data and from which a service rebuilds its views, keep everything.
		config.put("log.retention.ms", String.valueOf(personalDataRetention().toMillis()));
		formatOnce(logDir, config);
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		server.startup();
		KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port);
		try {
			broker.declareTopics();
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
		return broker;
	}

	/**
	 * How long topics that may hold personal data keep it:
	 * {@code -Daiguillage.kafka.personal-retention} or
	 * {@code AIGUILLAGE_KAFKA_PERSONAL_RETENTION} (ISO-8601, {@code P7D} unless set).
	 * @return the retention
	 */
	static Duration personalDataRetention() {
		return Duration.parse(System.getProperty("aiguillage.kafka.personal-retention",
				System.getenv().getOrDefault("AIGUILLAGE_KAFKA_PERSONAL_RETENTION", "P7D")));
	}

	// Declared on every start, so that a data directory from before gets the same
	// settings.
	private void declareTopics() {
		Map<String, String> retention = new LinkedHashMap<>();
		retention.put(Topics.REFERRALS_INBOUND, String.valueOf(personalDataRetention().toMillis()));
		EVENT_TOPICS.forEach((events) -> retention.put(events, "-1"));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = retention.entrySet()
				.stream()
				.filter((topic) -> !existing.contains(topic.getKey()))
				.map((topic) -> new NewTopic(topic.getKey(), Optional.empty(), Optional.empty())
					.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, topic.getValue())))
				.toList();
			admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
			Map<ConfigResource, Collection<AlterConfigOp>> settings = new LinkedHashMap<>();
			retention.forEach((topic, millis) -> settings.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
					List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, millis),
							AlterConfigOp.OpType.SET))));
			admin.incrementalAlterConfigs(settings).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while declaring topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not declare the topics' retention", ex);
		}
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

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
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

	private static final int SCRAM_ITERATIONS = 8192;

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private final KafkaPrincipals principals;

	private KafkaBroker(KafkaRaftServer server, String bootstrapServers, KafkaPrincipals principals) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
		this.principals = principals;
	}

	static KafkaBroker start(Path logDir, int port, int controllerPort) {
		return start(logDir, port, controllerPort, port);
	}

	/**
	 * Starts the broker listening on one port and telling its clients another, where
	 * something in front of it (such as test-support's {@code FaultyProxy}) forwards to
	 * it: every connection of every client then goes through that front, not only the
	 * first.
	 * @param logDir the broker's log directory
	 * @param port the port it listens on
	 * @param controllerPort the KRaft controller's port
	 * @param advertisedPort the port its clients reach it at
	 * @return the running broker
	 */
	static KafkaBroker start(Path logDir, int port, int controllerPort, int advertisedPort) {
		KafkaPrincipals principals = KafkaPrincipals.loadOrCreate(logDir.getParent());
		Properties config = baseConfig(logDir, controllerPort);
		Path secured = logDir.getParent().resolve("kafka-secured");
		if (Files.exists(logDir.resolve("meta.properties")) && !Files.exists(secured)) {
			addAdministrator(config, port, controllerPort, principals);
		}
		secure(config, port, controllerPort, advertisedPort, principals);
		formatOnce(logDir, config, principals);
		markSecured(secured);
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		server.startup();
		KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + advertisedPort, principals);
		try {
			broker.declarePrincipals();
			broker.declareTopics();
			principals.writeServiceSettings();
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
		return broker;
	}

	private static Properties baseConfig(Path logDir, int controllerPort) {
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		config.put("controller.listener.names", "CONTROLLER");
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
		// dead-letter topic) keep days, not forever; the services' own event topics,
		// which
		// carry no personal data and from which a service rebuilds its views, keep
		// everything.
		config.put("log.retention.ms", String.valueOf(personalDataRetention().toMillis()));
		return config;
	}

	/**
	 * Every client authenticates (SCRAM) and may do only what its ACLs allow; the
	 * controller's own listener takes the administrator only.
	 */
	private static void secure(Properties config, int port, int controllerPort, int advertisedPort,
			KafkaPrincipals principals) {
		String password = principals.password(KafkaPrincipals.ADMIN);
		config.put("listeners", "CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "CLIENTS://127.0.0.1:" + advertisedPort);
		config.put("listener.security.protocol.map", "CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
		config.put("inter.broker.listener.name", "CLIENTS");
		config.put("listener.name.clients.sasl.enabled.mechanisms", KafkaPrincipals.MECHANISM);
		config.put("sasl.mechanism.inter.broker.protocol", KafkaPrincipals.MECHANISM);
		config.put("listener.name.clients.scram-sha-256.sasl.jaas.config",
				KafkaPrincipals.jaas(KafkaPrincipals.ADMIN, password));
		// SCRAM credentials live in the metadata the controller serves, so the
		// controller's
		// listener uses a static login.
		config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
		config.put("sasl.mechanism.controller.protocol", "PLAIN");
		config.put("listener.name.controller.plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaPrincipals.ADMIN
						+ "\" password=\"" + password + "\" user_" + KafkaPrincipals.ADMIN + "=\"" + password + "\";");
		config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		config.put("super.users", "User:" + KafkaPrincipals.ADMIN);
		config.put("allow.everyone.if.no.acl.found", "false");
	}

	/**
	 * A data directory formatted before the broker asked for logins has no
	 * administrator's credentials: start it once as before, open on loopback, to add
	 * them.
	 */
	private static void addAdministrator(Properties base, int port, int controllerPort, KafkaPrincipals principals) {
		Properties open = new Properties();
		open.putAll(base);
		open.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		open.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		open.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		open.put("inter.broker.listener.name", "PLAINTEXT");
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(open, false), Time.SYSTEM);
		server.startup();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
			admin
				.alterUserScramCredentials(
						List.of(upsertion(KafkaPrincipals.ADMIN, principals.password(KafkaPrincipals.ADMIN))))
				.all()
				.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while adding the broker's administrator", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not add the broker's administrator", ex);
		}
		finally {
			server.shutdown();
			server.awaitShutdown();
		}
	}

	private static UserScramCredentialUpsertion upsertion(String principal, String password) {
		return new UserScramCredentialUpsertion(principal,
				new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), password);
	}

	private static void markSecured(Path marker) {
		try {
			if (!Files.exists(marker)) {
				Files.writeString(marker, "The broker's storage holds the administrator's SCRAM credentials.\n");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every principal's login and ACLs, declared on every start (new ones are added). */
	private void declarePrincipals() {
		try (Admin admin = admin()) {
			List<UserScramCredentialAlteration> logins = KafkaPrincipals.principals()
				.stream()
				.map(principal -> (UserScramCredentialAlteration) upsertion(principal,
						this.principals.password(principal)))
				.toList();
			admin.alterUserScramCredentials(logins).all().get(60, TimeUnit.SECONDS);
			admin.createAcls(KafkaPrincipals.acls()).all().get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while declaring the broker's principals", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not declare the broker's principals", ex);
		}
	}

	/**
	 * The client settings of one of the local stack's principals.
	 * @param principal {@code admin}, a service or a demo partner
	 * @return bootstrap servers and login
	 */
	Map<String, Object> clientSettings(String principal) {
		return this.principals.clientSettings(this.bootstrapServers, principal);
	}

	private Admin admin() {
		return Admin.create(clientSettings(KafkaPrincipals.ADMIN));
	}

	/**
	 * A partition that a member of a consumer group holds.
	 *
	 * @param group the group
	 * @param member the member's static id ({@code group.instance.id}), empty for none
	 * @param topic the topic
	 * @param partition the partition
	 */
	record Held(String group, String member, String topic, int partition) {
	}

	/**
	 * Consumer groups as the broker tells them at one moment.
	 *
	 * @param held who holds which partition
	 * @param stable the groups that are not rebalancing
	 * @param partitions how many partitions each held topic has
	 */
	record Groups(List<Held> held, Set<String> stable, Map<String, Integer> partitions) {
	}

	/**
	 * Who holds which partition of some consumer groups, through the broker's admin API.
	 * @param adminSettings the broker and the administrator's login
	 * @param groups the groups
	 * @return the groups now
	 */
	static Groups describeGroups(Map<String, Object> adminSettings, Collection<String> groups) {
		try (Admin admin = Admin.create(adminSettings)) {
			Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups)
				.all()
				.get(30, TimeUnit.SECONDS);
			List<Held> held = new ArrayList<>();
			Set<String> stable = new TreeSet<>();
			described.forEach((group, description) -> {
				if (description.groupState() == GroupState.STABLE) {
					stable.add(group);
				}
				for (MemberDescription member : description.members()) {
					for (TopicPartition partition : member.assignment().topicPartitions()) {
						held.add(new Held(group, member.groupInstanceId().orElse(""), partition.topic(),
								partition.partition()));
					}
				}
			});
			Set<String> topics = new TreeSet<>(held.stream().map(Held::topic).toList());
			Map<String, Integer> partitions = new TreeMap<>();
			if (!topics.isEmpty()) {
				admin.describeTopics(topics)
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
			}
			return new Groups(held, stable, partitions);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing consumer groups", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not describe the consumer groups " + groups, ex);
		}
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
		KafkaPrincipals.DEMO_PARTNERS.forEach((partner) -> retention.put(Topics.inboundOf(partner),
				String.valueOf(personalDataRetention().toMillis())));
		EVENT_TOPICS.forEach((events) -> retention.put(events, "-1"));
		try (Admin admin = admin()) {
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

	private static void formatOnce(Path logDir, Properties config, KafkaPrincipals principals) {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			// The configuration holds the administrator's password: only while
			// formatting.
			Path file = Files.createTempFile(logDir.getParent(), "kafka-format", ".properties");
			try {
				try (OutputStream out = Files.newOutputStream(file)) {
					config.store(out, "Written by the local stack to format the broker's storage");
				}
				ByteArrayOutputStream output = new ByteArrayOutputStream();
				int status = StorageTool.execute(
						new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
								file.toString(), "--ignore-formatted", "--add-scram",
								KafkaPrincipals.MECHANISM + "=[name=" + KafkaPrincipals.ADMIN + ",password="
										+ principals.password(KafkaPrincipals.ADMIN) + "]" },
						new PrintStream(output, true, StandardCharsets.UTF_8));
				if (status != 0) {
					throw new IllegalStateException("Could not format Kafka storage: " + output);
				}
			}
			finally {
				Files.deleteIfExists(file);
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

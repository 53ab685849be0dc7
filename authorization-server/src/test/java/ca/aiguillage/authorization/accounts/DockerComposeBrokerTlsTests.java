package ca.aiguillage.authorization.accounts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.TestSocketUtils;

import static ca.aiguillage.authorization.accounts.DockerComposeBrokerTests.BINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose's broker settings run on a real in-JVM KRaft broker: the settings
 * deploy/kafka/broker.sh writes (ports, paths and passwords filled in as the container
 * would), with the certificates scripts/compose-certs.sh makes, run by this test into a
 * temporary directory. A client with referral-service's compose settings produces and
 * consumes over SASL_SSL; a client without TLS, or trusting another authority, is
 * refused. Compose itself is not run (no container engine here).
 */
class DockerComposeBrokerTlsTests {

	private static final String KEYSTORE_PASSWORD = "KeystorePassword0123456789";

	private static final String ADMIN_PASSWORD = "AdminPassword0123456789";

	private static final String SERVICE_PASSWORD = "ReferralServicePassword0123456789";

	private static final String TOPIC = "referral.events";

	private static Path directory;

	private static KafkaRaftServer broker;

	private static int clientsPort;

	private static int brokerPort;

	@BeforeAll
	static void startTheComposeBrokerWithTheScriptsCertificates() throws Exception {
		directory = Files.createTempDirectory("compose-broker-tls");
		makeCertificates(directory.resolve("tls"));
		makeCertificates(directory.resolve("another-authority"));
		clientsPort = TestSocketUtils.findAvailableTcpPort();
		brokerPort = TestSocketUtils.findAvailableTcpPort();
		int controllerPort = TestSocketUtils.findAvailableTcpPort();
		Properties config = new Properties();
		DockerComposeBrokerTests.brokerSettings().forEach((name, value) -> {
			String filled = value.replace("$admin_jaas", "username=\"admin\" password=\"" + ADMIN_PASSWORD + "\"")
				.replace("$admin_password", ADMIN_PASSWORD)
				.replace("$tls_password", KEYSTORE_PASSWORD)
				.replace("$retention_hours", "168")
				.replace("$keystore", directory.resolve("tls/broker.p12").toString())
				.replace("CLIENTS://:9092", "CLIENTS://127.0.0.1:" + clientsPort)
				.replace("CLIENTS://kafka:9092", "CLIENTS://localhost:" + clientsPort)
				.replace("localhost:9094", "localhost:" + brokerPort)
				.replace("localhost:9093", "localhost:" + controllerPort)
				.replace("/var/lib/kafka/data", directory.resolve("data").toString());
			assertThat(filled).as(name).doesNotContain("$");
			config.put(name, filled);
		});
		format(config);
		broker = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		broker.startup();
		// As broker.sh does, on the container's loopback listener: the topic and
		// referral-service's ACLs.
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + brokerPort,
				"security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
						+ ADMIN_PASSWORD + "\";"))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
			admin
				.createAcls(List.of(allow(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.WRITE),
						allow(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.READ),
						allow(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.DESCRIBE),
						allow(ResourceType.GROUP, "referral-service", PatternType.PREFIXED, AclOperation.READ)))
				.all()
				.get(60, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopTheBroker() {
		if (broker != null) {
			broker.shutdown();
			broker.awaitShutdown();
		}
	}

	@Test
	void serviceWithTheComposeSettingsProducesAndConsumesOverTls() throws Exception {
		Map<String, Object> settings = composeSettingsOf("referral-service");

		assertThat(settings).containsEntry("security.protocol", "SASL_SSL");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(TOPIC, "referral-1", "over TLS")).get(60, TimeUnit.SECONDS);
		}
		Map<String, Object> consumer = new HashMap<>(settings);
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "referral-service-tls-test");
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(consumer, new StringDeserializer(),
				new StringDeserializer())) {
			reader.subscribe(List.of(TOPIC));
			List<String> values = new ArrayList<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				reader.poll(Duration.ofMillis(500))
					.forEach((ConsumerRecord<String, String> record) -> values.add(record.value()));
				return values.contains("over TLS");
			});
		}
	}

	@Test
	void clientWithoutTlsIsRefused() throws Exception {
		Map<String, Object> settings = composeSettingsOf("referral-service");
		settings.put("security.protocol", "SASL_PLAINTEXT");

		assertRefused(settings);
	}

	@Test
	void clientTrustingAnotherAuthorityIsRefused() throws Exception {
		Map<String, Object> settings = composeSettingsOf("referral-service");
		settings.put("ssl.truststore.location", directory.resolve("another-authority/ca.crt").toString());

		assertRefused(settings);
	}

	private static void assertRefused(Map<String, Object> settings) {
		settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		try (Admin admin = Admin.create(settings)) {
			assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class);
		}
	}

	// The service's Kafka settings as Spring reads them from its compose environment
	// (SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_TYPE is
	// ssl.truststore.type), its password and mounted file filled in.
	private static Map<String, Object> composeSettingsOf(String service) throws IOException {
		Map<String, Object> settings = new HashMap<>();
		settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + clientsPort);
		DockerComposeBrokerTests.environments().get(service).forEach((variable, value) -> {
			if (variable.startsWith(BINDER + "CONFIGURATION_")) {
				String name = variable.substring((BINDER + "CONFIGURATION_").length())
					.toLowerCase(Locale.ROOT)
					.replace('_', '.');
				settings.put(name, value.replaceAll("\\$\\{KAFKA_[A-Z_]+_PASSWORD:\\?[^}]+}", SERVICE_PASSWORD)
					.replace(DockerComposeBrokerTests.TRUSTED_AUTHORITY, directory.resolve("tls/ca.crt").toString()));
			}
		});
		return settings;
	}

	private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, pattern),
				new AccessControlEntry("User:referral-service", "*", operation, AclPermissionType.ALLOW));
	}

	private static void makeCertificates(Path into) throws Exception {
		ProcessBuilder script = new ProcessBuilder("bash", Path.of("..", "scripts", "compose-certs.sh").toString(),
				into.toString())
			.redirectErrorStream(true);
		script.environment().put("KAFKA_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
		Process run = script.start();
		String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(output).isZero();
	}

	// Formats the storage with referral-service's SCRAM login, as broker.sh's setup
	// declares it.
	private static void format(Properties config) throws IOException {
		Path file = directory.resolve("format.properties");
		try (OutputStream out = Files.newOutputStream(file)) {
			config.store(out, "compose broker settings");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status = StorageTool.execute(
				new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", file.toString(),
						"--add-scram", "SCRAM-SHA-512=[name=referral-service,password=" + SERVICE_PASSWORD + "]" },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(status).as(output.toString(StandardCharsets.UTF_8)).isZero();
	}

}

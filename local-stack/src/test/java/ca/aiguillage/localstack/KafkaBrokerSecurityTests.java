package ca.aiguillage.localstack;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import ca.aiguillage.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local stack's broker takes logins only, and each principal writes only where it
 * may: a partner its own inbound topic, a service its own event topic.
 */
class KafkaBrokerSecurityTests {

	@TempDir
	static Path data;

	private static KafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = KafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void aPartnerPublishesOnItsOwnInboundTopic() throws Exception {
		assertThat(send("clsc-ahuntsic", Topics.inboundOf("clsc-ahuntsic")).topic())
			.isEqualTo("referrals.inbound.clsc-ahuntsic");
	}

	@Test
	void aPartnerCannotPublishAsAnotherPartner() {
		assertThatThrownBy(() -> send("clsc-ahuntsic", Topics.inboundOf("gasm-laval")))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void aPartnerCannotForgeAServicesEvent() {
		assertThatThrownBy(() -> send("clsc-ahuntsic", Topics.WAITLIST_EVENTS))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void aServiceWritesOnlyItsOwnTopic() throws Exception {
		assertThat(send("matching-service", Topics.MATCHING_EVENTS).topic()).isEqualTo(Topics.MATCHING_EVENTS);
		assertThatThrownBy(() -> send("matching-service", Topics.WAITLIST_EVENTS))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> send("matching-service", Topics.inboundOf("clsc-ahuntsic")))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void referralServiceKeepsItsDeadLettersOfEveryPartnersTopicButNoOtherService() throws Exception {
		String deadLetters = "error." + Topics.inboundOf("clsc-ahuntsic") + ".referral-service";
		assertThat(send("referral-service", deadLetters).topic()).isEqualTo(deadLetters);
		assertThatThrownBy(() -> send("notification-service", deadLetters))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void aWrongPasswordIsRefused() {
		Map<String, Object> settings = new HashMap<>(broker.clientSettings("clsc-ahuntsic"));
		settings.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaPrincipals.jaas("clsc-ahuntsic", "guessed"));

		assertThatThrownBy(() -> send(settings, Topics.inboundOf("clsc-ahuntsic")))
			.hasCauseInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void passwordsAreReadableByTheirOwnerOnlyAndNoneIsLeftInTheFormattingConfiguration() throws Exception {
		assertThat(PosixFilePermissions
			.toString(Files.getPosixFilePermissions(data.resolve("kafka-credentials.properties"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions
			.toString(Files.getPosixFilePermissions(KafkaPrincipals.settingsFile(data, "referral-service"))))
			.isEqualTo("rw-------");
		try (var files = Files.list(data)) {
			assertThat(files.map(file -> file.getFileName().toString()))
				.noneMatch(name -> name.startsWith("kafka-format"));
		}
		Properties login = new Properties();
		try (Reader reader = Files.newBufferedReader(KafkaPrincipals.settingsFile(data, "referral-service"))) {
			login.load(reader);
		}
		assertThat(login).containsEntry("spring.cloud.stream.kafka.binder.configuration.security.protocol",
				"SASL_PLAINTEXT");
		assertThat(login.getProperty("spring.cloud.stream.kafka.binder.configuration.sasl.jaas.config"))
			.contains("username=\"referral-service\"");
	}

	private static org.apache.kafka.clients.producer.RecordMetadata send(String principal, String topic)
			throws Exception {
		return send(broker.clientSettings(principal), topic);
	}

	private static org.apache.kafka.clients.producer.RecordMetadata send(Map<String, Object> login, String topic)
			throws InterruptedException, ExecutionException {
		Map<String, Object> settings = new HashMap<>(login);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			return producer.send(new ProducerRecord<>(topic, "key", "{}")).get();
		}
	}

}

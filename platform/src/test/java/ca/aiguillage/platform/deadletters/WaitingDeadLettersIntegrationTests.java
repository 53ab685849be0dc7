package ca.aiguillage.platform.deadletters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.platform.events.KafkaClientSettings;
import ca.aiguillage.testing.KafkaProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class WaitingDeadLettersIntegrationTests {

	private final String topic = "error.waiting-" + UUID.randomUUID() + ".platform-tests";

	private final AtomicInteger consumersOpened = new AtomicInteger();

	private final Set<String> handled = new HashSet<>();

	private final List<Set<String>> asked = new ArrayList<>();

	@Autowired
	Environment environment;

	private WaitingDeadLetters waiting;

	@AfterEach
	void closeTheCount() {
		if (this.waiting != null) {
			this.waiting.close();
		}
	}

	@Test
	void eachCountReadsTheDeadLettersWrittenSinceThroughTheSameConsumer() {
		this.waiting = count();
		assertThat(this.waiting.count()).isZero();

		deadLetter();
		deadLetter();
		assertThat(this.waiting.count()).isEqualTo(2);

		deadLetter();
		assertThat(this.waiting.count()).isEqualTo(3);
		assertThat(this.waiting.count()).isEqualTo(3);
		assertThat(this.consumersOpened).hasValue(1);
	}

	@Test
	void theStoreIsAskedOnlyAboutTheDeadLettersReadAndNotAtAllWhenThereIsNone() {
		this.waiting = count();
		assertThat(this.waiting.count()).isZero();
		assertThat(this.asked).isEmpty();

		deadLetter();
		assertThat(this.waiting.count()).isEqualTo(1);

		assertThat(this.asked).containsExactly(Set.of(DeadLetters.idOf(this.topic, 0, 0)));
	}

	@Test
	void aDeadLetterAnAdministratorActedOnIsNotCounted() {
		this.waiting = count();
		deadLetter();
		deadLetter();
		assertThat(this.waiting.count()).isEqualTo(2);

		this.handled.add(DeadLetters.idOf(this.topic, 0, 0));

		assertThat(this.waiting.count()).isEqualTo(1);
	}

	@Test
	void deadLettersTheRetentionRemovedAreNoLongerCounted() throws Exception {
		this.waiting = count();
		deadLetter();
		deadLetter();
		deadLetter();
		assertThat(this.waiting.count()).isEqualTo(3);

		try (Admin admin = Admin.create(KafkaClientSettings.of(this.environment))) {
			admin.deleteRecords(Map.of(new TopicPartition(this.topic, 0), RecordsToDelete.beforeOffset(2))).all().get();
		}

		assertThat(this.waiting.count()).isEqualTo(1);
	}

	@Test
	void aClosedCountStartsAfreshWithANewConsumer() {
		this.waiting = count();
		deadLetter();
		assertThat(this.waiting.count()).isEqualTo(1);

		this.waiting.close();
		deadLetter();

		assertThat(this.waiting.count()).isEqualTo(2);
		assertThat(this.consumersOpened).hasValue(2);
	}

	private WaitingDeadLetters count() {
		return new WaitingDeadLetters(Set.of(this.topic), () -> {
			this.consumersOpened.incrementAndGet();
			Properties config = new Properties();
			config.putAll(KafkaClientSettings.of(this.environment));
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		}, (ids) -> {
			this.asked.add(Set.copyOf(ids));
			return ids.stream().filter(this.handled::contains).collect(Collectors.toSet());
		});
	}

	private void deadLetter() {
		new KafkaProbe(KafkaClientSettings.of(this.environment)).send(this.topic, "ref-waiting", "{}",
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), "probe.v1", "ref-waiting"));
	}

}

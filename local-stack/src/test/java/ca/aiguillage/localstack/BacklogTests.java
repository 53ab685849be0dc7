package ca.aiguillage.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ca.aiguillage.load.ConsumerGroupLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BacklogTests {

	private static final String TOPIC = "demo.backlog";

	private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

	private static final String GROUP = "demo-readers";

	@TempDir
	Path data;

	@Test
	void aGroupThatReadOnlyPartOfWhatWasPublishedIsBehindUntilItCommitsTheRest() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), FreePorts.next(), FreePorts.next());
				Backlog backlog = new Backlog(broker.clientSettings(KafkaPrincipals.ADMIN))) {
			publishThree(broker);
			try (KafkaConsumer<byte[], byte[]> consumer = readAllCommittingOne(broker)) {
				await().atMost(Duration.ofSeconds(30)).until(backlog::records, (behind) -> behind == 2);
				assertThat(backlog.awaitEmpty(Duration.ofMillis(300))).isFalse();

				consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(3)));
				assertThat(backlog.awaitEmpty(Duration.ofSeconds(30))).isTrue();
				assertThat(backlog.records()).isZero();
			}
		}
	}

	@Test
	void aGroupWhoseConsumersAllLeftIsNoLongerCountedAsBehind() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), FreePorts.next(), FreePorts.next());
				ConsumerGroupLag lag = new ConsumerGroupLag(broker.clientSettings(KafkaPrincipals.ADMIN))) {
			publishThree(broker);
			try (KafkaConsumer<byte[], byte[]> consumer = readAllCommittingOne(broker)) {
				await().atMost(Duration.ofSeconds(30)).until(lag::byGroup, (byGroup) -> byGroup.get(GROUP) == 2L);
			}
			// Two records unread, but no consumer left to read them (a stopped service,
			// an
			// earlier run's reader): nothing to wait for.
			await().atMost(Duration.ofSeconds(30)).until(lag::byGroup, (byGroup) -> !byGroup.containsKey(GROUP));
			assertThat(lag.total()).isZero();
		}
	}

	private static void publishThree(KafkaBroker broker) throws Exception {
		try (Admin admin = Admin.create(broker.clientSettings(KafkaPrincipals.ADMIN));
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
						broker.clientSettings(KafkaPrincipals.ADMIN), new ByteArraySerializer(),
						new ByteArraySerializer())) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(TOPIC, ("record " + i).getBytes(StandardCharsets.UTF_8))).get();
			}
		}
	}

	/**
	 * A consumer of the group that read the three records and committed only the first.
	 */
	private static KafkaConsumer<byte[], byte[]> readAllCommittingOne(KafkaBroker broker) {
		Map<String, Object> reader = new HashMap<>(broker.clientSettings(KafkaPrincipals.ADMIN));
		reader.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(reader, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		consumer.subscribe(List.of(TOPIC));
		int read = 0;
		while (read < 3) {
			ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
			read += records.count();
		}
		consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(1)));
		return consumer;
	}

}

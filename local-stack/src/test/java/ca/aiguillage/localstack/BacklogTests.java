package ca.aiguillage.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

	@TempDir
	Path data;

	@Test
	void aGroupThatReadOnlyPartOfWhatWasPublishedIsBehindUntilItCommitsTheRest() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), FreePorts.next(), FreePorts.next());
				Admin admin = Admin.create(broker.clientSettings(KafkaPrincipals.ADMIN));
				Backlog backlog = new Backlog(broker.clientSettings(KafkaPrincipals.ADMIN))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
					broker.clientSettings(KafkaPrincipals.ADMIN), new ByteArraySerializer(),
					new ByteArraySerializer())) {
				for (int i = 0; i < 3; i++) {
					producer.send(new ProducerRecord<>(TOPIC, ("record " + i).getBytes(StandardCharsets.UTF_8))).get();
				}
			}
			Map<String, Object> reader = new HashMap<>(broker.clientSettings(KafkaPrincipals.ADMIN));
			reader.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-readers");
			reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(reader, new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				consumer.subscribe(List.of(TOPIC));
				int read = 0;
				while (read < 3) {
					ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
					read += records.count();
				}
				consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(1)));

				await().atMost(Duration.ofSeconds(30)).until(backlog::records, (behind) -> behind == 2);
				assertThat(backlog.awaitEmpty(Duration.ofMillis(300))).isFalse();

				consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(3)));
				assertThat(backlog.awaitEmpty(Duration.ofSeconds(30))).isTrue();
				assertThat(backlog.records()).isZero();
			}
		}
	}

}

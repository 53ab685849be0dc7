package ca.aiguillage.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;

/**
 * Reads and writes raw Kafka records, as a partner's system or an operator would: no
 * Spring on either side, so tests see exactly what is on the wire.
 */
public final class KafkaProbe {

	private final Map<String, Object> clientSettings;

	public KafkaProbe(String brokers) {
		this(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers));
	}

	/**
	 * A probe that logs in to the broker.
	 * @param clientSettings the bootstrap servers and the client's login
	 */
	public KafkaProbe(Map<String, Object> clientSettings) {
		this.clientSettings = Map.copyOf(clientSettings);
	}

	/**
	 * A record as it is on the wire.
	 *
	 * @param key the message key
	 * @param value the message value
	 * @param headers the headers, as UTF-8 text
	 */
	public record WireRecord(String key, String value, Map<String, String> headers) {

		public String header(String name) {
			return this.headers.get(name);
		}

	}

	/**
	 * Every record on a topic now, from the beginning.
	 * @param topic the topic, read by a fresh consumer group
	 * @return its records in partition order
	 */
	public List<WireRecord> readAll(String topic) {
		Properties config = new Properties();
		config.putAll(this.clientSettings);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		List<WireRecord> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			int emptyPolls = 0;
			while (emptyPolls < 2) {
				var batch = consumer.poll(Duration.ofMillis(records.isEmpty() ? 1500 : 300));
				emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
				for (ConsumerRecord<byte[], byte[]> record : batch) {
					records.add(wire(record));
				}
			}
		}
		return records;
	}

	/**
	 * Awaits the record of one CloudEvent on a topic, such as a dead-letter topic.
	 * @param topic the topic, read from its beginning until the record is there
	 * @param eventId the event's {@code ce_id}
	 * @return the record, once it is there
	 */
	public WireRecord awaitEvent(String topic, String eventId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> readAll(topic).stream().filter(record -> eventId.equals(record.header("ce_id"))).findFirst(),
					Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Sends one record and waits for the broker's acknowledgement.
	 * @param topic the topic, created by the broker if needed
	 * @param key the message key, as UTF-8
	 * @param value the message value, as UTF-8
	 * @param headers headers, sent as UTF-8 bytes
	 */
	public void send(String topic, String key, String value, Map<String, String> headers) {
		Properties config = new Properties();
		config.putAll(this.clientSettings);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
					value.getBytes(StandardCharsets.UTF_8));
			headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	/**
	 * Sends many records with one producer and waits for every acknowledgement.
	 * @param topic the topic, created by the broker if needed
	 * @param records the records (key, value and headers; the key as UTF-8)
	 */
	public void sendAll(String topic, List<WireRecord> records) {
		Properties config = new Properties();
		config.putAll(this.clientSettings);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			List<Future<?>> sent = new ArrayList<>();
			for (WireRecord wire : records) {
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
						wire.key().getBytes(StandardCharsets.UTF_8), wire.value().getBytes(StandardCharsets.UTF_8));
				wire.headers()
					.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
				sent.add(producer.send(record));
			}
			for (Future<?> acknowledgement : sent) {
				acknowledgement.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	/**
	 * Whether a consumer group has committed every record now on a topic: what was sent
	 * before this call has been processed.
	 * @param group the consumer group
	 * @param topic the topic whose end offsets the group must have reached
	 * @return true when the group's committed offsets reach the end of every partition
	 */
	public boolean hasConsumedEverything(String group, String topic) {
		Properties config = new Properties();
		config.putAll(this.clientSettings);
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.forEach(
						partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
			var ends = admin.listOffsets(latest).all().get();
			return ends.entrySet()
				.stream()
				.allMatch(end -> end.getValue().offset() == 0 || (committed.get(end.getKey()) != null
						&& committed.get(end.getKey()).offset() >= end.getValue().offset()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read offsets of " + group, ex);
		}
	}

	/**
	 * The binary-mode CloudEvents headers of a valid event of the given type.
	 * @param id the {@code ce_id}
	 * @param type the {@code ce_type}, as in the catalog
	 * @param subject the {@code ce_subject}, usually the referral id
	 * @return the {@code ce_} headers
	 */
	public static Map<String, String> cloudEventHeaders(String id, String type, String subject) {
		Map<String, String> headers = new HashMap<>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", id);
		headers.put("ce_type", type);
		headers.put("ce_source", "/tests");
		headers.put("ce_subject", subject);
		headers.put("ce_time", "2026-11-20T14:03:00Z");
		headers.put("content-type", "application/json");
		return headers;
	}

	private static WireRecord wire(ConsumerRecord<byte[], byte[]> record) {
		Map<String, String> headers = new HashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(),
					header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
		}
		return new WireRecord(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
				record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8), headers);
	}

}

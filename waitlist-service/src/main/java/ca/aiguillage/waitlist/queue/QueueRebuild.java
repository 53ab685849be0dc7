package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.events.KafkaClientSettings;
import ca.aiguillage.platform.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the queue from the topics: drops it, reads every topic it is made of from the
 * beginning (outside any consumer group, so the live bindings' offsets do not move), and
 * applies the events in the order they were published. Decisions are not made again: this
 * service's own events on {@code waitlist.events} bring them back.
 */
@Component
class QueueRebuild {

	private static final Logger log = LoggerFactory.getLogger(QueueRebuild.class);

	private static final List<String> TOPICS = List.of(Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS,
			Topics.NOTIFICATION_EVENTS, Topics.WAITLIST_EVENTS);

	private static final List<EventDefinition<?>> ACCEPTED = Stream
		.of(QueueConsumers.REFERRAL_EVENTS, QueueConsumers.MATCHING_EVENTS, QueueConsumers.NOTIFICATION_EVENTS,
				EventCatalog.all().stream().filter(d -> d.topic().equals(Topics.WAITLIST_EVENTS)).toList())
		.flatMap(List::stream)
		.toList();

	private final MongoOperations mongo;

	private final CloudEventMessages messages;

	private final Queue queue;

	private final Map<String, Object> kafka;

	QueueRebuild(MongoOperations mongo, CloudEventMessages messages, Queue queue, Environment environment) {
		this.mongo = mongo;
		this.messages = messages;
		this.queue = queue;
		this.kafka = KafkaClientSettings.of(environment);
	}

	/**
	 * Drops the queue and replays the topics into it.
	 * @return how many events were applied
	 */
	synchronized int rebuild() {
		List<ConsumerRecord<byte[], byte[]>> records = readEverything();
		// Publication order across topics: a decision follows the event it answered.
		records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
			.thenComparing(record -> TOPICS.indexOf(record.topic()))
			.thenComparingLong(ConsumerRecord::offset));
		this.mongo.dropCollection(QueueEntry.class);
		int applied = 0;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			try {
				var event = this.messages.read(message(record), ACCEPTED);
				if (event.isPresent()) {
					this.queue.apply(event.get(), true);
					applied++;
				}
			}
			catch (MalformedEventException ex) {
				// It went to the dead-letter topic when it first came.
				log.debug("Skipping an event the live consumer refused: {}", ex.getMessage());
			}
		}
		log.info("Queue rebuilt from {} events", applied);
		return applied;
	}

	private List<ConsumerRecord<byte[], byte[]>> readEverything() {
		Properties properties = new Properties();
		properties.putAll(this.kafka);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : TOPICS) {
				consumer.partitionsFor(topic, Duration.ofSeconds(10))
					.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	private static Message<byte[]> message(ConsumerRecord<byte[], byte[]> record) {
		MessageBuilder<byte[]> message = MessageBuilder
			.withPayload((record.value() != null) ? record.value() : new byte[0]);
		for (Header header : record.headers()) {
			message.setHeader(header.key(), header.value());
		}
		return message.build();
	}

}

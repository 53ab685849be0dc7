package ca.aiguillage.platform.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

import ca.aiguillage.platform.deadletters.DeadLetterAction.Kind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * This service's dead-letter topics ({@code error.<topic>.<group>}, one per input binding
 * with a group), read from their start outside any consumer group, and what was done with
 * each record. A raw Kafka client on purpose: a consumer group would commit offsets and
 * make dead letters disappear from the list.
 */
public final class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final Duration READ_FOR_AT_MOST = Duration.ofSeconds(10);

	// Ids asked of the store at once: a query stays far below a document's size limit.
	private static final int IDS_PER_LOOKUP = 1_000;

	private final Map<String, String> originalTopics;

	private final Map<String, Object> clientSettings;

	private final Map<String, Retries> retries;

	private final MongoOperations mongo;

	private final Clock clock;

	private final Redelivery redelivery;

	/**
	 * Dead letters of the given bindings.
	 * @param originalTopics each dead-letter topic and the topic its records came from
	 * @param clientSettings the bootstrap servers and the binder's client settings (its
	 * login to the broker)
	 * @param mongo where actions are recorded
	 * @param clock the time of actions
	 */
	public DeadLetters(Map<String, String> originalTopics, Map<String, Object> clientSettings, MongoOperations mongo,
			Clock clock) {
		this(originalTopics, Map.of(), clientSettings, mongo, clock, DeadLetters::noConsumer);
	}

	/**
	 * Dead letters of the given bindings, with how often each binding tries an event.
	 * @param originalTopics each dead-letter topic and the topic its records came from
	 * @param retries each dead-letter topic's binding's retries
	 * @param clientSettings the bootstrap servers and the binder's client settings (its
	 * login to the broker)
	 * @param mongo where actions are recorded
	 * @param clock the time of actions
	 * @param redelivery how a replayed dead letter reaches its consumer again
	 */
	public DeadLetters(Map<String, String> originalTopics, Map<String, Retries> retries,
			Map<String, Object> clientSettings, MongoOperations mongo, Clock clock, Redelivery redelivery) {
		this.redelivery = redelivery;
		this.retries = Map.copyOf(retries);
		this.originalTopics = Map.copyOf(originalTopics);
		this.clientSettings = Map.copyOf(clientSettings);
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Every dead letter now on this service's dead-letter topics, oldest first.
	 * @return the dead letters with what was done with each
	 */
	public List<DeadLetter> list() {
		List<ConsumerRecord<byte[], byte[]>> records = records();
		Map<String, DeadLetterAction> actions = actionsOn(records);
		List<DeadLetter> letters = new ArrayList<>(records.stream().map(record -> letter(record, actions)).toList());
		letters.sort(Comparator.comparing(DeadLetter::deadLetteredAt));
		return letters;
	}

	/**
	 * Hands every dead letter nobody acted on yet back to the consumer that gave up on
	 * it, oldest first, each recorded as a replay of its own; one that fails again stays
	 * waiting.
	 * @param topic only the dead letters of this original or dead-letter topic, or every
	 * one when null
	 * @param by the administrator's subject
	 * @return the dead letters replayed now, marked replayed
	 */
	public List<DeadLetter> replayAll(@Nullable String topic, String by) {
		List<ConsumerRecord<byte[], byte[]>> records = records();
		Map<String, DeadLetterAction> actions = actionsOn(records);
		List<ConsumerRecord<byte[], byte[]>> waiting = records.stream()
			.filter(record -> !actions.containsKey(idOf(record)))
			.filter(record -> topic == null || topic.equals(record.topic()) || topic.equals(originalTopic(record)))
			.sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
			.toList();
		List<DeadLetter> replayed = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : waiting) {
			try {
				redeliver(record);
			}
			catch (ReplayFailedException ex) {
				// Still failing: it stays waiting, and the others are tried.
				log.warn(ex.getMessage());
				continue;
			}
			try {
				replayed.add(record(record,
						new DeadLetterAction(idOf(record), Kind.REPLAYED, by, null, this.clock.instant())));
			}
			catch (AlreadyHandledException ex) {
				// Another administrator acted on it meanwhile; a second delivery is
				// harmless to idempotent consumers, a second record would not be true.
			}
		}
		return replayed;
	}

	/**
	 * A count of the dead letters nobody acted on yet, to be taken again and again by one
	 * thread: it keeps its consumer open until closed.
	 * @return the count, to close with the service
	 */
	WaitingDeadLetters waiting() {
		return new WaitingDeadLetters(this.originalTopics.keySet(), this::consumer, (ids) -> actions(ids).keySet());
	}

	private Map<String, DeadLetterAction> actionsOn(List<ConsumerRecord<byte[], byte[]>> records) {
		return actions(records.stream().map(DeadLetters::idOf).toList());
	}

	// The actions on these dead letters, looked up by id: the actions of years are never
	// read whole.
	private Map<String, DeadLetterAction> actions(Collection<String> ids) {
		Map<String, DeadLetterAction> actions = new HashMap<>();
		List<String> all = List.copyOf(ids);
		for (int from = 0; from < all.size(); from += IDS_PER_LOOKUP) {
			List<String> some = all.subList(from, Math.min(all.size(), from + IDS_PER_LOOKUP));
			this.mongo.find(Query.query(Criteria.where("_id").in(some)), DeadLetterAction.class)
				.forEach((action) -> actions.put(action.id(), action));
		}
		return actions;
	}

	private List<ConsumerRecord<byte[], byte[]>> records() {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			for (String topic : this.originalTopics.keySet()) {
				List<TopicPartition> partitions = consumer.partitionsFor(topic)
					.stream()
					.map(info -> new TopicPartition(info.topic(), info.partition()))
					.toList();
				records.addAll(readAll(consumer, partitions));
			}
		}
		return records;
	}

	/**
	 * Hands one dead letter back to the consumer that gave up on it ({@link Redelivery}),
	 * as it was, and records it.
	 * @param id the dead letter's id
	 * @param by the administrator's subject
	 * @return the dead letter, now marked replayed
	 * @throws DeadLetterNotFoundException when there is no such dead letter
	 * @throws AlreadyHandledException when it was replayed or discarded before
	 * @throws ReplayFailedException when its consumer failed on it again (not recorded)
	 */
	public DeadLetter replay(String id, String by) {
		ConsumerRecord<byte[], byte[]> record = unhandled(id);
		redeliver(record);
		return record(record, new DeadLetterAction(id, Kind.REPLAYED, by, null, this.clock.instant()));
	}

	/**
	 * Leaves one dead letter where it is, for a stated reason.
	 * @param id the dead letter's id
	 * @param by the administrator's subject
	 * @param reason why it is not replayed
	 * @return the dead letter, now marked discarded
	 * @throws DeadLetterNotFoundException when there is no such dead letter
	 * @throws AlreadyHandledException when it was replayed or discarded before
	 */
	public DeadLetter discard(String id, String by, String reason) {
		ConsumerRecord<byte[], byte[]> record = unhandled(id);
		return record(record, new DeadLetterAction(id, Kind.DISCARDED, by, reason, this.clock.instant()));
	}

	private void redeliver(ConsumerRecord<byte[], byte[]> record) {
		MessageBuilder<byte[]> event = MessageBuilder.withPayload(record.value());
		for (Header header : record.headers()) {
			// The binder's own headers (cause, stack trace, original offset) describe the
			// failure, not the event.
			if (!header.key().startsWith("x-") && !header.key().startsWith("kafka_dlt-")) {
				event.setHeader(header.key(), header.value());
			}
		}
		event.setHeader(KafkaHeaders.RECEIVED_TOPIC, originalTopic(record));
		if (record.key() != null) {
			event.setHeader(KafkaHeaders.RECEIVED_KEY, record.key());
		}
		try {
			this.redelivery.redeliver(record.topic(), event.build());
		}
		catch (RuntimeException ex) {
			throw new ReplayFailedException(idOf(record), ex);
		}
	}

	private static void noConsumer(String deadLetterTopic, Message<byte[]> event) {
		throw new IllegalStateException("No consumer in this service for " + deadLetterTopic);
	}

	private DeadLetter record(ConsumerRecord<byte[], byte[]> record, DeadLetterAction action) {
		try {
			this.mongo.insert(action);
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyHandledException(action.id());
		}
		return letter(record, Map.of(action.id(), action));
	}

	private ConsumerRecord<byte[], byte[]> unhandled(String id) {
		if (this.mongo.findById(id, DeadLetterAction.class) != null) {
			throw new AlreadyHandledException(id);
		}
		return find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
	}

	private Optional<ConsumerRecord<byte[], byte[]>> find(String id) {
		String[] parts = id.split("~");
		if (parts.length != 3 || !this.originalTopics.containsKey(parts[0]) || !parts[1].matches("\\d{1,6}")
				|| !parts[2].matches("\\d{1,18}")) {
			return Optional.empty();
		}
		TopicPartition partition = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
		long offset = Long.parseLong(parts[2]);
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<PartitionInfo> known = consumer.partitionsFor(partition.topic());
			if (known.stream().noneMatch(info -> info.partition() == partition.partition())) {
				return Optional.empty();
			}
			return readAll(consumer, List.of(partition)).stream()
				.filter(record -> record.offset() == offset)
				.findFirst();
		}
	}

	private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer,
			List<TopicPartition> partitions) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		if (partitions.isEmpty()) {
			return records;
		}
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		readToEnd(consumer, partitions, records::add);
		return records;
	}

	/**
	 * Reads the assigned partitions from where the consumer stands to their ends as they
	 * are now.
	 * @throws IllegalStateException when they could not be read in a few seconds
	 */
	static void readToEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
			Consumer<ConsumerRecord<byte[], byte[]>> each) {
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		Instant giveUp = Instant.now().plus(READ_FOR_AT_MOST);
		while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
			if (Instant.now().isAfter(giveUp)) {
				throw new IllegalStateException("Dead-letter topics could not be read in " + READ_FOR_AT_MOST);
			}
			consumer.poll(Duration.ofMillis(200)).forEach(each);
		}
	}

	private DeadLetter letter(ConsumerRecord<byte[], byte[]> record, Map<String, DeadLetterAction> actions) {
		String id = idOf(record);
		String fqcn = header(record, "x-exception-fqcn", "kafka_dlt-exception-fqcn");
		String message = header(record, "x-exception-message", "kafka_dlt-exception-message");
		String cause = (fqcn != null || message != null)
				? ((fqcn != null) ? fqcn : "") + ((message != null) ? ": " + message : "") : null;
		Retries retried = this.retries.get(record.topic());
		Integer attempts = (retried == null) ? null
				: notRetried(retried, fqcn, header(record, "x-exception-stacktrace", "kafka_dlt-exception-stacktrace"))
						? 1 : retried.maxAttempts();
		return new DeadLetter(id, record.topic(), originalTopic(record), header(record, "ce_id", "ce-id"),
				header(record, "ce_type", "ce-type"), cause, Instant.ofEpochMilli(record.timestamp()), attempts,
				actions.get(id));
	}

	/**
	 * Whether the binder gave up at once: it looks for a type that is not retried among
	 * the exception's causes, which the recorded stack trace lists.
	 */
	private static boolean notRetried(Retries retries, @Nullable String fqcn, @Nullable String stackTrace) {
		return retries.notRetried()
			.stream()
			.anyMatch(type -> type.equals(fqcn) || (stackTrace != null && stackTrace.contains("Caused by: " + type)));
	}

	private static String idOf(ConsumerRecord<byte[], byte[]> record) {
		return idOf(record.topic(), record.partition(), record.offset());
	}

	static String idOf(String topic, int partition, long offset) {
		return topic + "~" + partition + "~" + offset;
	}

	/**
	 * The topic the record was read from when it failed, as the binder wrote it: a
	 * binding that reads several topics by pattern shares one dead-letter topic.
	 */
	private String originalTopic(ConsumerRecord<byte[], byte[]> record) {
		String original = header(record, "x-original-topic", "kafka_dlt-original-topic");
		return (original != null) ? original : this.originalTopics.get(record.topic());
	}

	private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String... names) {
		for (String name : names) {
			Header header = record.headers().lastHeader(name);
			if (header != null && header.value() != null) {
				return new String(header.value(), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		Properties config = new Properties();
		config.putAll(this.clientSettings);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
		// A position the topic's retention passed reads on from its oldest record.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * How a binding retries an event before dead-lettering it.
	 *
	 * @param maxAttempts the attempts before giving up
	 * @param notRetried the exception types dead-lettered at the first attempt
	 */
	public record Retries(int maxAttempts, Set<String> notRetried) {

		public Retries {
			notRetried = Set.copyOf(notRetried);
		}

	}

	/** There is no dead letter with this id on this service's topics. */
	public static final class DeadLetterNotFoundException extends RuntimeException {

		DeadLetterNotFoundException(String id) {
			super("No dead letter " + id);
		}

	}

	/** A dead letter's consumer failed on it again: it stays waiting. */
	public static final class ReplayFailedException extends RuntimeException {

		ReplayFailedException(String id, RuntimeException cause) {
			super("Dead letter " + id + " failed again: " + cause.getClass().getName(), cause);
		}

	}

	/** This dead letter was replayed or discarded before: each is acted on once. */
	public static final class AlreadyHandledException extends RuntimeException {

		AlreadyHandledException(String id) {
			super("Dead letter " + id + " was handled before");
		}

	}

}

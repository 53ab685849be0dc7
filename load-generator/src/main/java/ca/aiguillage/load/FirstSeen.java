package ca.aiguillage.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * When each referral id was first seen on some topics, with some event types: a plain
 * consumer with no group, from the topics' ends at start. Records are keyed by referral
 * id on every topic; only the key, the type header and the record's timestamp are read,
 * never the value. Asked to, it also keeps every record of each referral
 * ({@link #timeline}), to say where a slow referral waited.
 */
final class FirstSeen implements AutoCloseable {

	/** At most this many records are kept for one referral's timeline. */
	static final int TIMELINE_LIMIT = 32;

	private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

	private final @Nullable Map<String, List<Timeline.Record>> timelines;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	/**
	 * Starts following.
	 * @param login the consumer's settings
	 * @param topics the topics
	 * @param types the CloudEvents types that count, or {@code null} for every record
	 */
	FirstSeen(Map<String, Object> login, List<String> topics, @Nullable Set<String> types) {
		this(login, topics, types, false);
	}

	/**
	 * Starts following.
	 * @param login the consumer's settings
	 * @param topics the topics
	 * @param types the CloudEvents types that count, or {@code null} for every record
	 * @param keepTimelines whether to keep every record of each referral, whatever its
	 * type
	 */
	FirstSeen(Map<String, Object> login, List<String> topics, @Nullable Set<String> types, boolean keepTimelines) {
		this.timelines = keepTimelines ? new ConcurrentHashMap<>() : null;
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(login, new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		// Resolves the ends now: a record published after this constructor is seen.
		partitions.forEach(consumer::position);
		this.thread = Thread.ofPlatform().name("first-seen-" + String.join(",", topics)).daemon().start(() -> {
			try (consumer) {
				while (this.running.get()) {
					for (ConsumerRecord<String, byte[]> record : poll(consumer)) {
						long now = System.nanoTime();
						if (record.key() == null) {
							continue;
						}
						String type = type(record);
						if (types == null || types.contains(type)) {
							this.seenAt.putIfAbsent(record.key(), now);
						}
						if (this.timelines != null) {
							List<Timeline.Record> timeline = this.timelines.computeIfAbsent(record.key(),
									(key) -> new ArrayList<>());
							synchronized (timeline) {
								if (timeline.size() < TIMELINE_LIMIT) {
									timeline.add(new Timeline.Record(record.topic(), (type != null) ? type : "",
											record.timestamp(), now));
								}
							}
						}
					}
				}
			}
		});
	}

	private static Iterable<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer) {
		try {
			return consumer.poll(Duration.ofMillis(50));
		}
		catch (RetriableException ex) {
			// The broker slow under load: the next poll resumes where this one stopped.
			return List.of();
		}
	}

	private static @Nullable String type(ConsumerRecord<String, byte[]> record) {
		for (String name : List.of("ce_type", "ce-type")) {
			Header header = record.headers().lastHeader(name);
			if (header != null && header.value() != null) {
				return new String(header.value(), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/**
	 * When a referral was first seen.
	 * @param referralId the referral
	 * @return {@link System#nanoTime()} then, or {@code null}
	 */
	@Nullable Long seenAt(String referralId) {
		return this.seenAt.get(referralId);
	}

	/**
	 * Every record of a referral seen so far, in the order read.
	 * @param referralId the referral
	 * @return its records, empty when none or when timelines are not kept
	 */
	List<Timeline.Record> timeline(String referralId) {
		List<Timeline.Record> timeline = (this.timelines != null) ? this.timelines.get(referralId) : null;
		if (timeline == null) {
			return List.of();
		}
		synchronized (timeline) {
			return List.copyOf(timeline);
		}
	}

	@Override
	public void close() {
		this.running.set(false);
		try {
			this.thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

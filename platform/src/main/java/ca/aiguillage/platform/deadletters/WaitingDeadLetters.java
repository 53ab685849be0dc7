package ca.aiguillage.platform.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * How many dead letters wait for an administrator, counted round after round with one
 * consumer kept open: a round reads only the dead letters written since the one before,
 * and forgets those the topics' retention removed. Opening a consumer each round cost a
 * login to the broker (SCRAM, thousands of hashes) and a read of every dead letter from
 * the start, every minute in every service. Used by one thread at a time.
 */
final class WaitingDeadLetters implements AutoCloseable {

	private final Set<String> topics;

	private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;

	private final Function<Set<String>, Set<String>> handled;

	private @Nullable KafkaConsumer<byte[], byte[]> consumer;

	// The offsets of the dead letters read so far, by partition.
	private final Map<TopicPartition, NavigableSet<Long>> read = new HashMap<>();

	/**
	 * @param topics the dead-letter topics
	 * @param consumers a new consumer outside any group, reading from the start
	 * @param handled of the ids given, those of the dead letters an administrator
	 * replayed or discarded
	 */
	WaitingDeadLetters(Set<String> topics, Supplier<KafkaConsumer<byte[], byte[]>> consumers,
			Function<Set<String>, Set<String>> handled) {
		this.topics = Set.copyOf(topics);
		this.consumers = consumers;
		this.handled = handled;
	}

	/**
	 * The dead letters now on the topics that nobody acted on.
	 * @return their number
	 * @throws RuntimeException when the broker cannot be read: the next count starts
	 * afresh
	 */
	int count() {
		try {
			readNew();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		Set<String> ids = new HashSet<>();
		this.read.forEach((where, offsets) -> offsets
			.forEach((offset) -> ids.add(DeadLetters.idOf(where.topic(), where.partition(), offset))));
		// No dead letter, no question to the store: the count runs every minute.
		if (ids.isEmpty()) {
			return 0;
		}
		Set<String> acted = this.handled.apply(ids);
		return (int) ids.stream().filter((id) -> !acted.contains(id)).count();
	}

	private void readNew() {
		KafkaConsumer<byte[], byte[]> reader = reader();
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : this.topics) {
			// A dead-letter topic is created with its first dead letter: looked for again
			// each round.
			reader.partitionsFor(topic)
				.forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
		}
		// A topic deleted since: its dead letters are gone with it.
		this.read.keySet().retainAll(partitions);
		if (!Set.copyOf(partitions).equals(reader.assignment())) {
			List<TopicPartition> added = partitions.stream().filter((p) -> !this.read.containsKey(p)).toList();
			reader.assign(partitions);
			reader.seekToBeginning(added);
			added.forEach((p) -> this.read.put(p, new TreeSet<>()));
		}
		if (partitions.isEmpty()) {
			return;
		}
		Map<TopicPartition, Long> starts = reader.beginningOffsets(partitions);
		for (TopicPartition partition : partitions) {
			// Removed by the topic's retention: no longer a dead letter to act on.
			this.read.get(partition).headSet(starts.get(partition)).clear();
			if (reader.position(partition) < starts.get(partition)) {
				reader.seek(partition, starts.get(partition));
			}
		}
		DeadLetters.readToEnd(reader, partitions,
				(record) -> this.read.get(new TopicPartition(record.topic(), record.partition())).add(record.offset()));
	}

	private KafkaConsumer<byte[], byte[]> reader() {
		KafkaConsumer<byte[], byte[]> reader = this.consumer;
		if (reader == null) {
			reader = this.consumers.get();
			this.consumer = reader;
		}
		return reader;
	}

	@Override
	public void close() {
		KafkaConsumer<byte[], byte[]> reader = this.consumer;
		this.consumer = null;
		this.read.clear();
		if (reader != null) {
			reader.close(Duration.ofSeconds(1));
		}
	}

}

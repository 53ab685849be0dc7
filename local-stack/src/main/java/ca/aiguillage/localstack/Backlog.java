package ca.aiguillage.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * What the running services have yet to read: records published to their topics past the
 * offsets their consumer groups committed. The demo history waits for it to empty before
 * its clock moves on, so that a busy machine plays the same history as an idle one, only
 * slower.
 */
final class Backlog implements AutoCloseable {

	private static final Duration LOOK_AGAIN = Duration.ofMillis(20);

	private final Admin admin;

	Backlog(Map<String, Object> administrator) {
		this.admin = Admin.create(administrator);
	}

	/**
	 * Returns once the services read everything published, or after {@code atMost}; a
	 * broker too busy to say goes on as if they had not.
	 * @param atMost how long to wait at most
	 * @return whether they did
	 */
	boolean awaitEmpty(Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (recordsOrUnknown() != 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(LOOK_AGAIN);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private long recordsOrUnknown() {
		try {
			return records();
		}
		catch (IllegalStateException ex) {
			return -1;
		}
	}

	/**
	 * The records the groups with members have yet to commit.
	 * @return how many
	 */
	long records() {
		try {
			Set<String> groups = this.admin
				.listGroups(ListGroupsOptions.forConsumerGroups().inGroupStates(Set.of(GroupState.STABLE)))
				.all()
				.get(10, TimeUnit.SECONDS)
				.stream()
				.map(GroupListing::groupId)
				.collect(Collectors.toSet());
			if (groups.isEmpty()) {
				return 0;
			}
			Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = this.admin
				.listConsumerGroupOffsets(groups.stream()
					.collect(Collectors.toMap(Function.identity(), (group) -> new ListConsumerGroupOffsetsSpec())))
				.all()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin
				.listOffsets(committed.values()
					.stream()
					.flatMap((offsets) -> offsets.keySet().stream())
					.distinct()
					.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest())))
				.all()
				.get(10, TimeUnit.SECONDS);
			long behind = 0;
			for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
				for (Map.Entry<TopicPartition, OffsetAndMetadata> offset : offsets.entrySet()) {
					ListOffsetsResult.ListOffsetsResultInfo end = ends.get(offset.getKey());
					if (offset.getValue() != null && end != null) {
						behind += Math.max(0, end.offset() - offset.getValue().offset());
					}
				}
			}
			return behind;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not say what its consumers have yet to read", ex);
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}

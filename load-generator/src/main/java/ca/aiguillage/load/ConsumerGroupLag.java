package ca.aiguillage.load;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * What the running consumers have yet to read: for each consumer group with members, the
 * records published to its partitions past the offsets it committed. A group left without
 * members (a service stopped, an earlier run's reader) reads nothing more and is not
 * counted. Read by the load generator's report and by the local stack's demo history,
 * which waits for it to empty.
 */
public final class ConsumerGroupLag implements AutoCloseable {

	/** The states of a group no consumer is in. */
	private static final Set<GroupState> MEMBERLESS = Set.of(GroupState.EMPTY, GroupState.DEAD);

	private final Admin admin;

	/**
	 * Connects to the broker.
	 * @param adminLogin the settings of an administrator's client
	 */
	public ConsumerGroupLag(Map<String, Object> adminLogin) {
		this.admin = Admin.create(adminLogin);
	}

	/**
	 * Each consumer group's lag now.
	 * @return records behind, by group, for the groups with members
	 * @throws IllegalStateException when the broker did not answer in time
	 */
	public Map<String, Long> byGroup() {
		try {
			Set<String> groups = this.admin.listGroups(ListGroupsOptions.forConsumerGroups())
				.all()
				.get(10, TimeUnit.SECONDS)
				.stream()
				.filter((group) -> group.groupState().map((state) -> !MEMBERLESS.contains(state)).orElse(true))
				.map(GroupListing::groupId)
				.collect(Collectors.toSet());
			Map<String, Long> lags = new TreeMap<>();
			if (groups.isEmpty()) {
				return lags;
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
			committed.forEach((group, offsets) -> {
				long behind = 0;
				for (Map.Entry<TopicPartition, OffsetAndMetadata> offset : offsets.entrySet()) {
					ListOffsetsResult.ListOffsetsResultInfo end = ends.get(offset.getKey());
					if (offset.getValue() != null && end != null) {
						behind += Math.max(0, end.offset() - offset.getValue().offset());
					}
				}
				lags.put(group, behind);
			});
			return lags;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking the broker for the consumer lag", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not tell the consumer lag", ex);
		}
	}

	/**
	 * All the groups' lag now.
	 * @return records behind, summed over the groups with members
	 * @throws IllegalStateException when the broker did not answer in time
	 */
	public long total() {
		return byGroup().values().stream().mapToLong(Long::longValue).sum();
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}

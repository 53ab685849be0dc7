package ca.aiguillage.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The services' consumer lag (records published but not yet committed by each consumer
 * group), sampled once a second: the largest total seen, and each group's at the end.
 */
final class ConsumerLag implements AutoCloseable {

	private final Admin admin;

	private final AtomicLong maxTotal = new AtomicLong();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	ConsumerLag(Map<String, Object> adminLogin) {
		this.admin = Admin.create(adminLogin);
		this.thread = Thread.ofPlatform().name("consumer-lag").daemon().start(() -> {
			while (this.running.get()) {
				try {
					long total = byGroup().values().stream().mapToLong(Long::longValue).sum();
					this.maxTotal.accumulateAndGet(total, Math::max);
					Thread.sleep(Duration.ofSeconds(1));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					// A sample missed (the broker busy): the next one counts.
				}
			}
		});
	}

	long maxTotal() {
		return this.maxTotal.get();
	}

	/**
	 * Each consumer group's lag now.
	 * @return records behind, by group
	 */
	Map<String, Long> byGroup() {
		try {
			Map<String, Long> lags = new TreeMap<>();
			for (ConsumerGroupListing group : this.admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
				Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group.groupId())
					.partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
				Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
					.all()
					.get(10, TimeUnit.SECONDS);
				long lag = 0;
				for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
					if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
						lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
					}
				}
				lags.put(group.groupId(), lag);
			}
			return lags;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not tell the consumer lag", ex);
		}
	}

	@Override
	public void close() {
		this.running.set(false);
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.admin.close(Duration.ofSeconds(5));
	}

}

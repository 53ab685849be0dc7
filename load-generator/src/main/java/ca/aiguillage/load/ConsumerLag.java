package ca.aiguillage.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services' consumer lag ({@link ConsumerGroupLag}), sampled once a second: the
 * largest total seen, and each group's at the end.
 */
final class ConsumerLag implements AutoCloseable {

	private final ConsumerGroupLag groups;

	private final AtomicLong maxTotal = new AtomicLong();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	ConsumerLag(Map<String, Object> adminLogin) {
		this.groups = new ConsumerGroupLag(adminLogin);
		this.thread = Thread.ofPlatform().name("consumer-lag").daemon().start(() -> {
			while (this.running.get()) {
				try {
					long total = this.groups.total();
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
	 * @return records behind, by group with members
	 */
	Map<String, Long> byGroup() {
		return this.groups.byGroup();
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
		this.groups.close();
	}

}

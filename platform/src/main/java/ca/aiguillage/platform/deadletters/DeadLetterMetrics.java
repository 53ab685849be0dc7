package ca.aiguillage.platform.deadletters;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many of this service's dead letters wait for an administrator
 * ({@code aiguillage.dead.letters.open}), counted in the background every interval:
 * reading the dead-letter topics takes a consumer and must not run on each scrape. The
 * count keeps its consumer open and reads only what is new ({@link WaitingDeadLetters}).
 */
public final class DeadLetterMetrics implements MeterBinder, AutoCloseable {

	/** The gauge's name. */
	public static final String OPEN = "aiguillage.dead.letters.open";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

	private final WaitingDeadLetters waiting;

	private final Duration interval;

	private final AtomicInteger open = new AtomicInteger();

	private final ScheduledExecutorService counter = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "dead-letter-metrics");
		thread.setDaemon(true);
		return thread;
	});

	public DeadLetterMetrics(DeadLetters deadLetters, Duration interval) {
		this.waiting = deadLetters.waiting();
		this.interval = interval;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(OPEN, this.open, AtomicInteger::get)
			.description("Dead letters no administrator has replayed or discarded yet")
			.register(registry);
		// The first count after one interval: nothing is read from the broker at
		// start-up.
		this.counter.scheduleWithFixedDelay(this::count, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void count() {
		try {
			this.open.set(this.waiting.count());
		}
		catch (RuntimeException ex) {
			if (this.counter.isShutdown()) {
				// Interrupted as the service stops.
				return;
			}
			// The broker away: the last count stands until the next round.
			log.warn("Could not count dead letters: {}", ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		this.counter.shutdownNow();
		try {
			this.counter.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Only the counting thread uses the count's consumer; it has stopped.
		this.waiting.close();
	}

}

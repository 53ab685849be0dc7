package ca.aiguillage.waitlist.insight;

import java.time.Duration;

import ca.aiguillage.waitlist.queue.QueueChanged;
import ca.aiguillage.waitlist.queue.QueueReadings;
import ca.aiguillage.waitlist.queue.QueueStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code waitlist_queue_length} (open referrals by status, read from the queue at each
 * scrape, so every instance reports the same) and {@code waitlist_wait_seconds}
 * (registration to first session, by organization, in day buckets that include the 60-day
 * target).
 */
@Component
class WaitMetrics implements MeterBinder {

	/**
	 * Buckets in days, the network's 60-day promise and England's 6 and 18 weeks among
	 * them.
	 */
	private static final Duration[] BUCKETS = java.util.stream.IntStream.of(14, 28, 42, 60, 90, 126, 180, 365)
		.mapToObj(Duration::ofDays)
		.toArray(Duration[]::new);

	private final QueueReadings queue;

	private MeterRegistry registry;

	WaitMetrics(QueueReadings queue) {
		this.queue = queue;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		for (QueueStatus status : QueueStatus.OPEN) {
			Gauge.builder("waitlist.queue.length", () -> count(status))
				.description("Open referrals in the queue")
				.tag("status", status.name())
				.register(registry);
		}
		Gauge.builder("waitlist.sixty.day.risk", this.queue::countAtSixtyDayRisk)
			.description("Referrals not yet in therapy flagged at risk of passing 60 days of waiting")
			.register(registry);
		// Referrals without an organization: present from the start, so that the
		// dashboard's wait panels and rates have a series before the first therapy
		// starts.
		waitTimer("none");
	}

	@EventListener
	void changed(QueueChanged change) {
		if (this.registry == null || change.after() != QueueStatus.IN_THERAPY
				|| change.before() == QueueStatus.IN_THERAPY || change.registeredAt() == null
				|| change.stateSince() == null) {
			return;
		}
		waitTimer((change.organizationId() != null) ? change.organizationId() : "none")
			.record(Duration.between(change.registeredAt(), change.stateSince()));
	}

	private Timer waitTimer(String organization) {
		return Timer.builder("waitlist.wait")
			.description("Wait from registration to the first session")
			.tag("organization", organization)
			.serviceLevelObjectives(BUCKETS)
			.register(this.registry);
	}

	private long count(QueueStatus status) {
		return this.queue.countIn(status);
	}

}

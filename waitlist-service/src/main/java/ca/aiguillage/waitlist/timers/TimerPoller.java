package ca.aiguillage.waitlist.timers;

import java.time.Clock;

import ca.aiguillage.waitlist.queue.QueueEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for entries whose next timer is due and fires them. Timers are data on the
 * entries, so they survive restarts; no lock is needed between instances, because each
 * firing is a conditional write of the entry that only one instance can win.
 */
@Component
class TimerPoller {

	private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);

	private static final int BATCH = 100;

	private final QueueEntries entries;

	private final Clock clock;

	TimerPoller(QueueEntries entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${waitlist.timers.poll-interval:PT30S}")
	void fireDueTimers() {
		int fired = 0;
		for (String referralId : this.entries.due(this.clock.instant(), BATCH)) {
			try {
				fired += this.entries.fireDueTimers(referralId);
			}
			catch (RuntimeException ex) {
				log.warn("Timers of referral {} will be retried: {}", referralId, ex.getMessage());
			}
		}
		if (fired > 0) {
			log.info("Timers raised {} events", fired);
		}
	}

}

package ca.aiguillage.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay paces itself.
 *
 * @param pollInterval how long the relay waits between rounds when nobody wakes it
 * @param firstRetry how long an entry that failed to publish waits before its next
 * attempt; the wait doubles with each failure
 * @param maxRetry the longest wait between two attempts at one entry
 * @param stuckAfter after this many failed attempts an entry is reported stuck (it is
 * still tried every {@code maxRetry})
 * @param scanInterval how often the relay looks through every aggregate collection for
 * entries no save of this instance told it about (another instance's, left when it died)
 */
@ConfigurationProperties("aiguillage.outbox")
public record OutboxSettings(@DefaultValue("PT0.5S") Duration pollInterval, @DefaultValue("PT1S") Duration firstRetry,
		@DefaultValue("PT1M") Duration maxRetry, @DefaultValue("5") int stuckAfter,
		@DefaultValue("PT5M") Duration scanInterval) {

	/**
	 * How long to wait after the given number of failed attempts.
	 * @param failures failed attempts so far, at least one
	 * @return the back-off
	 */
	Duration backOff(int failures) {
		Duration wait = this.firstRetry.multipliedBy(1L << Math.min(failures - 1, 20));
		return (wait.compareTo(this.maxRetry) > 0) ? this.maxRetry : wait;
	}

}

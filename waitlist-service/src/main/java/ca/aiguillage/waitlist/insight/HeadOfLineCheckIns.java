package ca.aiguillage.waitlist.insight;

import java.time.Duration;

import ca.aiguillage.waitlist.insight.StartForecast.PredictedStart;
import ca.aiguillage.waitlist.queue.CheckInSettings;
import ca.aiguillage.waitlist.queue.QueueEntries;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueReadings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the first clients of each line whether they are still available when a place is
 * likely to free up for them soon (their expected start falls within
 * {@code waitlist.check-ins.likely-start-within}), so that offers go to clients who
 * answered (issue 16). Each client is asked once a wait, and not when a check-in of this
 * wait fell due within the check-in answer window; the check-in is the usual one, asked
 * again once and then left to a coordinator when unanswered.
 */
@Component
public class HeadOfLineCheckIns {

	private static final Logger log = LoggerFactory.getLogger(HeadOfLineCheckIns.class);

	private static final double SECONDS_A_DAY = Duration.ofDays(1).toSeconds();

	private final QueueReadings queue;

	private final QueueEntries entries;

	private final StartForecast forecasts;

	private final CheckInSettings settings;

	HeadOfLineCheckIns(QueueReadings queue, QueueEntries entries, StartForecast forecasts, CheckInSettings settings) {
		this.queue = queue;
		this.entries = entries;
		this.forecasts = forecasts;
		this.settings = settings;
	}

	/**
	 * Asks the clients at the heads of likely lines who were not asked yet.
	 * @return how many were asked
	 */
	@Scheduled(fixedDelayString = "${waitlist.check-ins.head-of-line-poll-interval:PT5M}")
	public int ask() {
		if (this.settings.headOfLine() <= 0 || !this.entries.settings().checkInsEnabled()) {
			return 0;
		}
		double soon = this.settings.likelyStartWithin().toSeconds() / SECONDS_A_DAY;
		int asked = 0;
		for (QueueEntry entry : this.queue.headsOfLines(this.settings.headOfLine())) {
			if (likelyWithin(this.forecasts.forecast(entry), soon)
					&& this.entries.askAtHeadOfLine(entry.getId(), this.entries.settings().checkInAnswerWindow())) {
				asked++;
			}
		}
		if (asked > 0) {
			log.info("Asked {} clients at the head of a likely line", asked);
		}
		return asked;
	}

	/**
	 * Whether the forecast's expected start (position × days a start, the middle of its
	 * range) falls within so many days: its earliest start is today for anyone first in a
	 * line, however slowly it moves.
	 */
	private static boolean likelyWithin(PredictedStart predicted, double days) {
		Double daysPerStart = predicted.basis().daysPerStart();
		return daysPerStart != null && predicted.basis().position() * daysPerStart <= days;
	}

}

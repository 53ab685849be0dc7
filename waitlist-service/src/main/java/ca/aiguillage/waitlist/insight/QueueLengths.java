package ca.aiguillage.waitlist.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueReadings;
import ca.aiguillage.waitlist.queue.QueueStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How many clients waited on each day, worked out from the entries' registration and exit
 * times rather than kept in memory, so every instance and a rebuilt queue give the same
 * line. A client waits from registration until their first session, or until they leave
 * the queue without one.
 */
@Component
public class QueueLengths {

	private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

	private static final EnumSet<QueueStatus> STILL_WAITING = EnumSet.of(QueueStatus.SUBMITTED, QueueStatus.WAITING,
			QueueStatus.PROPOSED, QueueStatus.CONFIRMED);

	private final QueueReadings queue;

	QueueLengths(QueueReadings queue) {
		this.queue = queue;
	}

	/**
	 * One day's queue length.
	 *
	 * @param date the day, in Quebec
	 * @param length how many clients waited at the day's end (or now, for today)
	 */
	public record DayLength(LocalDate date, int length) {
	}

	/**
	 * One organization's queue length, day by day.
	 *
	 * @param organizationId the organization ({@code none} before matching assigned one)
	 * @param days one point a day, oldest first
	 */
	public record Series(String organizationId, List<DayLength> days) {
	}

	List<Series> daily(Instant now, Duration window, @Nullable String organizationId) {
		LocalDate today = LocalDate.ofInstant(now, QUEBEC);
		LocalDate first = today.minusDays(window.toDays() - 1);
		Instant from = first.atStartOfDay(QUEBEC).toInstant();
		// Whoever still waits, and whoever stopped waiting within the window: a wait
		// ends at the last change of state at the latest.
		Map<String, int[]> lengths = new TreeMap<>();
		int dayCount = (int) window.toDays();
		if (organizationId != null) {
			lengths.put(organizationId, new int[dayCount]);
		}
		for (QueueEntry entry : this.queue.waitingOrMovedSince(organizationId, STILL_WAITING, from, now)) {
			Instant registered = entry.registeredAt();
			// A linked duplicate's person waits in the referral it duplicates: never
			// twice.
			if (registered == null || entry.duplicateOf() != null) {
				continue;
			}
			Instant exit = exit(entry);
			int[] counts = lengths.computeIfAbsent((entry.organizationId() != null) ? entry.organizationId() : "none",
					key -> new int[dayCount]);
			for (int day = 0; day < dayCount; day++) {
				Instant at = endOf(first.plusDays(day), now);
				if (!registered.isAfter(at) && (exit == null || exit.isAfter(at))) {
					counts[day]++;
				}
			}
		}
		List<Series> series = new ArrayList<>();
		lengths.forEach((organization, counts) -> {
			List<DayLength> days = new ArrayList<>();
			for (int day = 0; day < dayCount; day++) {
				days.add(new DayLength(first.plusDays(day), counts[day]));
			}
			series.add(new Series(organization, days));
		});
		return series;
	}

	private static @Nullable Instant exit(QueueEntry entry) {
		Instant firstSession = entry.firstSessionAt();
		if (firstSession != null) {
			return firstSession;
		}
		return (entry.status() != null && !STILL_WAITING.contains(entry.status())) ? entry.stateSince() : null;
	}

	private static Instant endOf(LocalDate date, Instant now) {
		Instant end = date.plusDays(1).atStartOfDay(QUEBEC).toInstant();
		return end.isAfter(now) ? now : end;
	}

}

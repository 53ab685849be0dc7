package ca.aiguillage.waitlist.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.waitlist.insight.QueueLengths.Series;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueReadings;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Waits from registration to first session of the clients who started in the last 90
 * days, broken down so that unequal waits show: the share that started within 60 days,
 * the median and the 90th percentile, per group, with and without the delays the client
 * caused ({@link ClientWait}); and the queue's length, day by day, per organization.
 */
@Component
public class WaitReport {

	static final Duration WINDOW = Duration.ofDays(90);

	static final Duration TARGET = Duration.ofDays(60);

	private final QueueReadings queue;

	private final Clock clock;

	private final ReferrerTypes referrerTypes;

	private final QueueLengths queueLengths;

	WaitReport(QueueReadings queue, Clock clock, ReferrerTypes referrerTypes, QueueLengths queueLengths) {
		this.queue = queue;
		this.clock = clock;
		this.referrerTypes = referrerTypes;
		this.queueLengths = queueLengths;
	}

	/** What waits can be broken down by. */
	public enum GroupBy {

		ORGANIZATION((entry, types) -> entry.organizationId()),
		LANGUAGE((entry, types) -> String.join("+", entry.registration().languages())),
		APPROACH((entry, types) -> String.join("+",
				entry.registration().approaches().stream().map(Enum::name).toList())),
		// The income band as this service knows it: the band of the sliding-scale fee.
		FEE_BAND((entry, types) -> entry.registration().feeBand().name()),
		// The forward sortation area's first letter is Canada Post's province or region.
		REGION((entry, types) -> (entry.registration().postalPrefix() != null)
				? entry.registration().postalPrefix().substring(0, 1) : null),
		REFERRER_TYPE((entry, types) -> types.of(entry).name()), REFERRER((entry, types) -> entry.partnerId());

		private final BiFunction<QueueEntry, ReferrerTypes, @Nullable String> key;

		GroupBy(BiFunction<QueueEntry, ReferrerTypes, @Nullable String> key) {
			this.key = key;
		}

	}

	/**
	 * The waits of one group.
	 *
	 * @param group the group's key ({@code none} when unknown)
	 * @param started how many started therapy in the window
	 * @param withinTarget the share of them who started within 60 days of registration
	 * @param medianDays the median wait, in days
	 * @param p90Days the 90th percentile wait, in days
	 * @param delayedByClient how many of them declined or let expire a proposal before
	 * starting
	 * @param withoutClientDelays the same figures once the delays the clients caused are
	 * taken out of their waits
	 */
	public record GroupWaits(String group, int started, double withinTarget, long medianDays, long p90Days,
			int delayedByClient, Figures withoutClientDelays) {
	}

	/**
	 * Wait figures.
	 *
	 * @param withinTarget the share who started within 60 days of registration
	 * @param medianDays the median wait, in days
	 * @param p90Days the 90th percentile wait, in days
	 */
	public record Figures(double withinTarget, long medianDays, long p90Days) {

		static Figures of(List<Duration> waits) {
			List<Duration> sorted = waits.stream().sorted(Comparator.naturalOrder()).toList();
			long within = sorted.stream().filter(wait -> wait.compareTo(TARGET) <= 0).count();
			return new Figures((double) within / sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9));
		}

	}

	/**
	 * The report.
	 *
	 * @param from the window's start
	 * @param to the window's end
	 * @param windowDays the window, in days
	 * @param targetDays the wait the network promises not to pass, in days
	 * @param counted who the wait figures count: {@code FIRST_SESSION_IN_WINDOW}, the
	 * clients whose first session fell between {@code from} and {@code to}
	 * @param organizationId the organization reported on, or null for the network
	 * @param groupBy how the waits are broken down
	 * @param groups one line per group
	 * @param queueLength the number of clients waiting at the end of each day of the
	 * window, per organization
	 */
	public record Report(Instant from, Instant to, long windowDays, long targetDays, String counted,
			@Nullable String organizationId, GroupBy groupBy, List<GroupWaits> groups, List<Series> queueLength) {
	}

	/**
	 * The report a caller may see: a coordinator their organization's, an administrator
	 * the network's or one organization's.
	 * @param groupBy how to break the waits down
	 * @param caller who asks
	 * @param organizationId the organization asked for, or null
	 * @throws AccessDeniedException when a coordinator asks for another organization
	 */
	public Report report(GroupBy groupBy, Caller caller, @Nullable String organizationId) {
		if (caller.isAdmin()) {
			return report(groupBy, organizationId);
		}
		if (caller.organizationId() == null || (organizationId != null && !caller.coordinates(organizationId))) {
			// Fail closed: without an organization a coordinator gets no figures, not
			// the network's.
			throw new AccessDeniedException("another organization's figures");
		}
		return report(groupBy, caller.organizationId());
	}

	private Report report(GroupBy groupBy, @Nullable String organizationId) {
		Instant to = this.clock.instant();
		Instant from = to.minus(WINDOW);
		Map<String, List<ClientWait>> waits = new TreeMap<>();
		for (QueueEntry entry : this.queue.startedSince(organizationId, from)) {
			ClientWait wait = ClientWait.of(entry);
			// A rematch keeps the first session, which may lie before the window; a
			// linked
			// duplicate's person is counted in the referral it duplicates.
			if (wait == null || entry.firstSessionAt() == null || entry.firstSessionAt().isBefore(from)
					|| entry.duplicateOf() != null) {
				continue;
			}
			String key = groupBy.key.apply(entry, this.referrerTypes);
			waits.computeIfAbsent((key != null && !key.isEmpty()) ? key : "none", k -> new ArrayList<>()).add(wait);
		}
		List<GroupWaits> groups = new ArrayList<>();
		waits.forEach((group, clients) -> {
			Figures with = Figures.of(clients.stream().map(ClientWait::total).toList());
			Figures without = Figures.of(clients.stream().map(ClientWait::withoutClientDelay).toList());
			int delayed = (int) clients.stream().filter(ClientWait::delayedByClient).count();
			groups.add(new GroupWaits(group, clients.size(), with.withinTarget(), with.medianDays(), with.p90Days(),
					delayed, without));
		});
		return new Report(from, to, WINDOW.toDays(), TARGET.toDays(), "FIRST_SESSION_IN_WINDOW", organizationId,
				groupBy, groups, this.queueLengths.daily(to, WINDOW, organizationId));
	}

	private static long percentile(List<Duration> sorted, double rank) {
		// Nearest rank: the smallest wait that at least this share of clients did not
		// pass.
		int index = (int) Math.ceil(rank * sorted.size()) - 1;
		return sorted.get(Math.max(index, 0)).toDays();
	}

}

package ca.aiguillage.waitlist.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.waitlist.queue.QueueEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Waits from registration to first session over a rolling window, broken down so that
 * unequal waits show: the share that started within 60 days, the median and the 90th
 * percentile, per group.
 */
@Component
public class WaitReport {

	static final Duration WINDOW = Duration.ofDays(90);

	static final Duration TARGET = Duration.ofDays(60);

	private final MongoOperations mongo;

	private final Clock clock;

	WaitReport(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** What waits can be broken down by. */
	public enum GroupBy {

		ORGANIZATION(QueueEntry::organizationId), LANGUAGE(entry -> String.join("+", entry.languages())),
		APPROACH(entry -> String.join("+", entry.approaches().stream().map(Enum::name).toList())),
		REFERRER(QueueEntry::partnerId),
		// The forward sortation area's first letter is Canada Post's province or region.
		REGION(entry -> (entry.postalPrefix() != null) ? entry.postalPrefix().substring(0, 1) : null);

		private final Function<QueueEntry, @Nullable String> key;

		GroupBy(Function<QueueEntry, @Nullable String> key) {
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
	 */
	public record GroupWaits(String group, int started, double withinTarget, long medianDays, long p90Days) {
	}

	/**
	 * The report.
	 *
	 * @param from the window's start
	 * @param to the window's end
	 * @param groupBy how the waits are broken down
	 * @param groups one line per group
	 */
	public record Report(Instant from, Instant to, GroupBy groupBy, List<GroupWaits> groups) {
	}

	/**
	 * The report a caller may see: a coordinator their organization's, an administrator
	 * the network's or one organization's.
	 * @param groupBy how to break the waits down
	 * @param caller who asks
	 * @param organizationId the organization asked for, or null
	 * @return the report
	 * @throws AccessDeniedException when a coordinator asks for another organization
	 */
	public Report report(GroupBy groupBy, Caller caller, @Nullable String organizationId) {
		if (caller.isAdmin()) {
			return report(groupBy, organizationId);
		}
		if (organizationId != null && !caller.coordinates(organizationId)) {
			throw new AccessDeniedException("another organization's figures");
		}
		return report(groupBy, caller.organizationId());
	}

	private Report report(GroupBy groupBy, @Nullable String organizationId) {
		Instant to = this.clock.instant();
		Instant from = to.minus(WINDOW);
		Criteria started = Criteria.where("steps")
			.elemMatch(Criteria.where("what").is("THERAPY_STARTED").and("at").gte(from));
		if (organizationId != null) {
			started = started.and("organizationId").is(organizationId);
		}
		Map<String, List<Duration>> waits = new TreeMap<>();
		for (QueueEntry entry : this.mongo.find(new Query(started), QueueEntry.class)) {
			Instant first = entry.firstSessionAt();
			if (first == null || entry.registeredAt() == null) {
				continue;
			}
			String key = groupBy.key.apply(entry);
			waits.computeIfAbsent((key != null && !key.isEmpty()) ? key : "none", k -> new ArrayList<>())
				.add(Duration.between(entry.registeredAt(), first));
		}
		List<GroupWaits> groups = new ArrayList<>();
		waits.forEach((group, durations) -> {
			durations.sort(Comparator.naturalOrder());
			long within = durations.stream().filter(wait -> wait.compareTo(TARGET) <= 0).count();
			groups.add(new GroupWaits(group, durations.size(), (double) within / durations.size(),
					percentile(durations, 0.5), percentile(durations, 0.9)));
		});
		return new Report(from, to, groupBy, groups);
	}

	private static long percentile(List<Duration> sorted, double rank) {
		// Nearest rank: the smallest wait that at least this share of clients did not
		// pass.
		int index = (int) Math.ceil(rank * sorted.size()) - 1;
		return sorted.get(Math.max(index, 0)).toDays();
	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.work.ScannedCopy;
import ca.aiguillage.platform.work.WorkSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What the forecasts and the head-of-line check-ins count, for every entry, kept in
 * memory by every save of this instance: a predicted start is asked for each
 * acknowledgement, and counting the queue in the store would read every entry ever stored
 * each time on the embedded store. One scan fills it at first use, and a safety-net scan
 * every {@code aiguillage.work.scan-interval} adds what other instances saved. A figure
 * may be that much behind another instance's saves: a forecast is an estimate. The
 * forecast's counts are kept as the copy changes ({@link QueueTallies}), so that asking
 * does not go through every entry.
 */
@Component
class QueueLines {

	private static final double SECONDS_A_DAY = Duration.ofDays(1).toSeconds();

	private final ScannedCopy<Facts> entries;

	private final QueueTallies tallies = new QueueTallies();

	/**
	 * What is counted of one entry.
	 *
	 * @param lastStartedAt the last first session, if any
	 * @param therapyDays the length of the last therapy, once it ended
	 */
	record Facts(@Nullable String organizationId, @Nullable QueueStatus status, @Nullable Instant registeredAt,
			@Nullable Instant lastStartedAt, @Nullable Long therapyDays) {

		static Facts of(QueueEntry entry) {
			Instant started = last(entry.steps(), StepKind.THERAPY_STARTED);
			Instant ended = last(entry.steps(), StepKind.THERAPY_ENDED);
			// After a re-match the therapy that counts is the last one.
			Long days = (started != null && ended != null && !ended.isBefore(started))
					? Math.round(Duration.between(started, ended).toSeconds() / SECONDS_A_DAY) : null;
			return new Facts(entry.organizationId(), entry.status(), entry.registeredAt(), started, days);
		}

	}

	QueueLines(MongoOperations mongo, Aggregates aggregates, WorkSettings work) {
		this.entries = new ScannedCopy<>(work.scanInterval(), () -> {
			Query everyEntry = new Query();
			everyEntry.fields().include("organizationId").include("status").include("registeredAt").include("steps");
			Map<String, Facts> found = new HashMap<>();
			mongo.find(everyEntry, QueueEntry.class).forEach(entry -> found.put(entry.getId(), Facts.of(entry)));
			return found;
		}, this.tallies);
		aggregates.afterSave(QueueEntry.class, saved -> this.entries.saved(saved.getId(), Facts.of(saved)));
	}

	long waitingAhead(@Nullable String organizationId, Instant registeredAt) {
		this.entries.scanIfDue();
		return this.tallies.waitingBefore(organizationId, registeredAt);
	}

	long countStartedSince(@Nullable String organizationId, Instant since) {
		this.entries.scanIfDue();
		return this.tallies.startedSince(organizationId, since);
	}

	QueueReadings.EndedTherapies endedTherapies(@Nullable String organizationId) {
		this.entries.scanIfDue();
		return this.tallies.endedTherapies(organizationId);
	}

	/**
	 * The ids of the clients waiting longest for a place in each line (each organization,
	 * and the referrals no organization holds), longest first.
	 */
	List<String> headsOfLines(int length) {
		Predicate<Facts> waiting = facts -> facts.status() == QueueStatus.WAITING && facts.registeredAt() != null;
		Map<Optional<String>, List<String>> lines = new LinkedHashMap<>();
		this.entries.entries()
			.filter(entry -> waiting.test(entry.getValue()))
			.sorted(Comparator.comparing(entry -> entry.getValue().registeredAt()))
			.forEach(entry -> {
				List<String> line = lines.computeIfAbsent(Optional.ofNullable(entry.getValue().organizationId()),
						organization -> new ArrayList<>());
				if (line.size() < length) {
					line.add(entry.getKey());
				}
			});
		return lines.values().stream().flatMap(List::stream).toList();
	}

	private static @Nullable Instant last(List<Step> steps, StepKind what) {
		Instant last = null;
		for (Step step : steps) {
			if (step.what() == what && (last == null || step.at().isAfter(last))) {
				last = step.at();
			}
		}
		return last;
	}

}

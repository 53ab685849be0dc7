package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import ca.aiguillage.platform.work.ScannedCopy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tallies answer what going through every entry answered, as entries are registered,
 * change state, move between organizations, end their therapy and disappear.
 */
class QueueTalliesTests {

	private static final Instant START = Instant.parse("2026-01-05T14:00:00Z");

	private static final List<@Nullable String> ORGANIZATIONS = Arrays.asList("org-a", "org-b", "org-c", null);

	@Test
	void theCountsOfEachLineAreThoseOfEveryEntryGoneThroughOneByOne() {
		Random random = new Random(20261206);
		Map<String, QueueLines.Facts> stored = new HashMap<>();
		QueueTallies tallies = new QueueTallies();
		// A scan at every read of the copy: what was removed from the store leaves the
		// tallies then.
		ScannedCopy<QueueLines.Facts> copy = new ScannedCopy<>(Duration.ZERO, () -> Map.copyOf(stored), tallies);
		for (int step = 0; step < 4_000; step++) {
			String id = "referral-" + random.nextInt(600);
			if (random.nextInt(10) == 0) {
				stored.remove(id);
				continue;
			}
			QueueLines.Facts facts = randomFacts(random);
			stored.put(id, facts);
			copy.saved(id, facts);
			if (step % 250 == 0) {
				for (@Nullable
				String organization : ORGANIZATIONS) {
					Instant when = START.plus(Duration.ofHours(random.nextInt(24 * 90)));
					assertSame(tallies, copy, organization, when);
				}
			}
		}
		copy.scanIfDue();
		for (@Nullable
		String organization : ORGANIZATIONS) {
			for (int i = 0; i < 20; i++) {
				assertSame(tallies, copy, organization, START.plus(Duration.ofHours(random.nextInt(24 * 90))));
			}
		}
	}

	@Test
	void twoReferralsRegisteredAtTheSameInstantAreNotAheadOfEachOther() {
		QueueTallies tallies = new QueueTallies();
		QueueLines.Facts waiting = new QueueLines.Facts("org-a", QueueStatus.WAITING, START, null, null);
		tallies.add(waiting);
		tallies.add(waiting);

		assertThat(tallies.waitingBefore("org-a", START)).isZero();
		assertThat(tallies.waitingBefore("org-a", START.plusMillis(1))).isEqualTo(2);
		assertThat(tallies.waitingBefore(null, START.plusMillis(1))).isEqualTo(2);
		assertThat(tallies.waitingBefore("org-b", START.plusMillis(1))).isZero();

		tallies.remove(waiting);
		assertThat(tallies.waitingBefore("org-a", START.plusMillis(1))).isEqualTo(1);
	}

	private static void assertSame(QueueTallies tallies, ScannedCopy<QueueLines.Facts> copy,
			@Nullable String organization, Instant when) {
		// Read first: the scan it runs brings the tallies to the store.
		List<QueueLines.Facts> line = inScope(copy, organization).toList();
		long waitingBefore = line.stream()
			.filter((facts) -> facts.status() != null && QueueStatus.BEFORE_THERAPY.contains(facts.status())
					&& facts.registeredAt() != null && facts.registeredAt().isBefore(when))
			.count();
		long startedSince = line.stream()
			.filter((facts) -> facts.lastStartedAt() != null && !facts.lastStartedAt().isBefore(when))
			.count();
		List<Long> days = line.stream().map(QueueLines.Facts::therapyDays).filter(Objects::nonNull).toList();

		assertThat(tallies.waitingBefore(organization, when)).as("waiting before %s in %s", when, organization)
			.isEqualTo(waitingBefore);
		assertThat(tallies.startedSince(organization, when)).as("started since %s in %s", when, organization)
			.isEqualTo(startedSince);
		assertThat(tallies.endedTherapies(organization)).as("ended therapies in %s", organization)
			.isEqualTo(new QueueReadings.EndedTherapies(days.size(), days.stream().mapToLong(Long::longValue).sum()));
	}

	private static Stream<QueueLines.Facts> inScope(ScannedCopy<QueueLines.Facts> copy, @Nullable String organization) {
		return copy.values()
			.filter((facts) -> organization == null || organization.equals(facts.organizationId()))
			.toList()
			.stream();
	}

	private static QueueLines.Facts randomFacts(Random random) {
		QueueStatus[] statuses = QueueStatus.values();
		QueueStatus status = (random.nextInt(20) == 0) ? null : statuses[random.nextInt(statuses.length)];
		// Registered on the hour, so that many share an instant.
		Instant registered = (random.nextInt(30) == 0) ? null : START.plus(Duration.ofHours(random.nextInt(24 * 60)));
		Instant started = random.nextBoolean() ? null : START.plus(Duration.ofHours(random.nextInt(24 * 90)));
		Long days = (started != null && random.nextBoolean()) ? (long) random.nextInt(200) : null;
		List<@Nullable String> organizations = new ArrayList<>(ORGANIZATIONS);
		return new QueueLines.Facts(organizations.get(random.nextInt(organizations.size())), status, registered,
				started, days);
	}

}

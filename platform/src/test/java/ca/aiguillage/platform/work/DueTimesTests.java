package ca.aiguillage.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DueTimesTests {

	private static final Instant NOW = Instant.parse("2026-12-03T13:05:00Z");

	private final Map<String, Instant> stored = new HashMap<>();

	private final AtomicInteger scans = new AtomicInteger();

	private final DueTimes due = new DueTimes(() -> {
		this.scans.incrementAndGet();
		return Map.copyOf(this.stored);
	}, Duration.ofMinutes(5));

	@Test
	void listsWhatIsDueMostOverdueFirstUpToTheLimit() {
		this.due.schedule("later", NOW.plusSeconds(60));
		this.due.schedule("late", NOW.minusSeconds(10));
		this.due.schedule("latest", NOW.minusSeconds(3600));
		this.due.schedule("now", NOW);

		assertThat(this.due.due(NOW, 10)).containsExactly("latest", "late", "now");
		assertThat(this.due.due(NOW, 2)).containsExactly("latest", "late");
	}

	@Test
	void aNewTimeReplacesTheOldAndNoneRemovesIt() {
		this.due.schedule("moved", NOW.minusSeconds(10));
		this.due.schedule("done", NOW.minusSeconds(20));

		this.due.schedule("moved", NOW.plusSeconds(10));
		this.due.schedule("done", null);

		assertThat(this.due.due(NOW, 10)).isEmpty();
		assertThat(this.due.due(NOW.plusSeconds(10), 10)).containsExactly("moved");
		assertThat(this.due.size()).isEqualTo(1);
	}

	@Test
	void theFirstLookUpScansTheStoreOnceAndKeepsWhatSavesToldItSince() {
		this.stored.put("written-before-the-restart", NOW.minusSeconds(30));
		this.stored.put("saved-since", NOW.minusSeconds(60));
		this.due.schedule("saved-since", NOW.plusSeconds(600));

		assertThat(this.due.due(NOW, 10)).containsExactly("written-before-the-restart");
		assertThat(this.due.due(NOW, 10)).containsExactly("written-before-the-restart");
		assertThat(this.scans).hasValue(1);
	}

	@Test
	void theSafetyNetScanRunsAgainAfterItsInterval() {
		DueTimes everyTime = new DueTimes(() -> {
			this.scans.incrementAndGet();
			return Map.copyOf(this.stored);
		}, Duration.ZERO);
		everyTime.due(NOW, 10);
		this.stored.put("left-by-another-instance", NOW.minusSeconds(5));

		assertThat(everyTime.due(NOW, 10)).containsExactly("left-by-another-instance");
		assertThat(this.scans).hasValue(2);
	}

}

package ca.aiguillage.platform.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScannedCopyTests {

	private final Map<String, String> stored = new HashMap<>();

	private final AtomicInteger scans = new AtomicInteger();

	@Test
	void theFirstReadScansOnceAndLaterReadsUseTheCopyWhileNoScanIsDue() {
		this.stored.put("t-1", "2 places");
		ScannedCopy<String> copy = copy(Duration.ofMinutes(5));

		assertThat(copy.values()).containsExactly("2 places");
		this.stored.put("t-2", "1 place");
		assertThat(copy.values()).containsExactly("2 places");
		assertThat(this.scans).hasValue(1);
	}

	@Test
	void thisInstancesSavesShowAtOnceWithoutAScan() {
		ScannedCopy<String> copy = copy(Duration.ofMinutes(5));
		assertThat(copy.values()).isEmpty();

		copy.saved("t-1", "3 places");

		assertThat(copy.entries()).containsExactly(Map.entry("t-1", "3 places"));
		assertThat(this.scans).hasValue(1);
	}

	@Test
	void aSaveMadeWhileAScanReadsIsKeptOverWhatTheScanRead() {
		this.stored.put("t-1", "read by the scan");
		ScannedCopy<String>[] copy = new ScannedCopy[1];
		copy[0] = new ScannedCopy<>(Duration.ofMinutes(5), () -> {
			Map<String, String> read = Map.copyOf(this.stored);
			copy[0].saved("t-1", "saved meanwhile");
			return read;
		});

		assertThat(copy[0].values()).containsExactly("saved meanwhile");
	}

	@Test
	void theNextScanAddsOtherInstancesSavesAndDropsWhatIsNoLongerStored() {
		this.stored.put("kept", "a");
		this.stored.put("removed", "b");
		ScannedCopy<String> copy = copy(Duration.ZERO);
		assertThat(copy.values()).containsExactlyInAnyOrder("a", "b");

		this.stored.remove("removed");
		this.stored.put("saved-elsewhere", "c");

		assertThat(copy.values()).containsExactlyInAnyOrder("a", "c");
		assertThat(this.scans).hasValue(2);
	}

	@Test
	void aTallyFollowsEverySaveEveryScanAndEveryRemovalSoThatItNeverNeedsToReadTheCopy() {
		this.stored.put("kept", "a");
		this.stored.put("removed", "b");
		Tally tally = new Tally();
		ScannedCopy<String> copy = new ScannedCopy<>(Duration.ZERO, () -> Map.copyOf(this.stored), tally);
		copy.scanIfDue();
		assertThat(tally.held).containsExactlyInAnyOrder("a", "b");

		copy.saved("kept", "a2");
		copy.saved("new", "d");
		assertThat(tally.held).containsExactlyInAnyOrder("a2", "b", "d");

		this.stored.remove("removed");
		this.stored.put("kept", "a3");
		this.stored.put("new", "d");
		this.stored.put("saved-elsewhere", "c");
		copy.scanIfDue();

		assertThat(tally.held).containsExactlyInAnyOrder("a3", "d", "c");
		assertThat(tally.held).containsExactlyInAnyOrderElementsOf(copy.values().toList());
	}

	/** Holds what it was told is in the copy, as a multiset. */
	private static final class Tally implements ScannedCopy.Tally<String> {

		private final List<String> held = new ArrayList<>();

		@Override
		public synchronized void add(String value) {
			this.held.add(value);
		}

		@Override
		public synchronized void remove(String value) {
			assertThat(this.held.remove(value)).as("removed %s, which was added", value).isTrue();
		}

	}

	private ScannedCopy<String> copy(Duration interval) {
		return new ScannedCopy<>(interval, () -> {
			this.scans.incrementAndGet();
			return Map.copyOf(this.stored);
		});
	}

}

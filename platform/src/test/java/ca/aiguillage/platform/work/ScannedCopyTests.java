package ca.aiguillage.platform.work;

import java.time.Duration;
import java.util.HashMap;
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

	private ScannedCopy<String> copy(Duration interval) {
		return new ScannedCopy<>(interval, () -> {
			this.scans.incrementAndGet();
			return Map.copyOf(this.stored);
		});
	}

}

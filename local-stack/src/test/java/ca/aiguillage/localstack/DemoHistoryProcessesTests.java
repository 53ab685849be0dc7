package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start of one process per part plays no history, and says so when one was asked for.
 */
class DemoHistoryProcessesTests {

	private static final DemoHistory.Plan PLAN = DemoHistory.Plan.shorter(1, Duration.ofMillis(40), Map.of());

	@TempDir
	Path data;

	@Test
	void processesStartSaysItDoesNotPlayTheHistoryAskedFor() {
		assertThat(DemoHistory.notPlayedInProcesses(PLAN, this.data)).isTrue();
	}

	@Test
	void processesStartSaysNothingWhenTheHistoryIsOffOrWasPlayedBefore() throws IOException {
		assertThat(DemoHistory.notPlayedInProcesses(null, this.data)).isFalse();

		Files.writeString(this.data.resolve(DemoHistory.MARKER), "played\n");

		assertThat(DemoHistory.notPlayedInProcesses(PLAN, this.data)).isFalse();
	}

}

package ca.aiguillage.load;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessorTimeTests {

	@Test
	void findsTheLocalStacksProcessesByTheirCommandLine() throws IOException {
		Process marked = shell("sleep 60; true", ProcessorTime.STACK_MARK + "-test");
		Process other = shell("sleep 60; true", "something-else");
		try {
			ProcessorTime found = ProcessorTime.ofLocalStack(null);

			assertThat(found.pids()).contains(marked.pid()).doesNotContain(other.pid(), ProcessHandle.current().pid());
			assertThat(found.found()).isTrue();
		}
		finally {
			marked.destroyForcibly();
			other.destroyForcibly();
		}
	}

	@Test
	void countsTheProcessorTimeOfTheProcessNamed() throws IOException {
		Process busy = shell("while :; do :; done", "busy");
		try {
			ProcessorTime time = ProcessorTime.ofLocalStack(busy.pid());
			ProcessorTime.Sample before = time.sample();

			assertThat(time.pids()).containsExactly(busy.pid());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> time.sample().since(before, 0).stack().compareTo(Duration.ofMillis(300)) >= 0);
		}
		finally {
			busy.destroyForcibly();
		}
	}

	@Test
	void aProcessThatIsGoneCountsAsNotFound() {
		assertThat(ProcessorTime.ofLocalStack(Long.MAX_VALUE).found()).isFalse();
	}

	@Test
	void aPhaseUseTakesTheStacksBackgroundOffAndKeepsTheGeneratorsTime() {
		ProcessorTime.Sample before = new ProcessorTime.Sample(0, Duration.ofSeconds(10), Duration.ofSeconds(1));
		ProcessorTime.Sample after = new ProcessorTime.Sample(Duration.ofSeconds(4).toNanos(), Duration.ofSeconds(13),
				Duration.ofMillis(1500));

		ProcessorTime.Use use = after.since(before, 0.25);

		assertThat(use.stack()).isEqualTo(Duration.ofSeconds(2));
		assertThat(use.generator()).isEqualTo(Duration.ofMillis(500));
		assertThat(use.elapsed()).isEqualTo(Duration.ofSeconds(4));
		assertThat(ProcessorTime.Use.perReferral(use.together(), 10)).isEqualTo(250.0);
		assertThat(after.stackCoresSince(before)).isEqualTo(0.75);
	}

	@Test
	void aStackBelowItsBackgroundUseCountsAsHavingUsedNothing() {
		ProcessorTime.Sample before = new ProcessorTime.Sample(0, Duration.ofSeconds(10), Duration.ZERO);
		ProcessorTime.Sample after = new ProcessorTime.Sample(Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(11),
				Duration.ZERO);

		assertThat(after.since(before, 0.5).stack()).isEqualTo(Duration.ZERO);
	}

	@Test
	void theBackgroundsUncertaintyGrowsWithThePhasesLengthAndShrinksWithItsReferrals() {
		ProcessorTime.Background background = new ProcessorTime.Background(0.1, 0.02);
		ProcessorTime.Use tenSeconds = new ProcessorTime.Use(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10));

		assertThat(background.uncertainty(tenSeconds, 100)).isEqualTo(2.0);
		assertThat(background.uncertainty(tenSeconds, 200)).isEqualTo(1.0);
	}

	@Test
	void theBackgroundOfAnIdleProcessIsAboutNothing() throws Exception {
		Process idle = shell("sleep 60; true", "idle");
		try {
			ProcessorTime.Background background = ProcessorTime.ofLocalStack(idle.pid()).background(1);

			assertThat(background.cores()).isLessThan(0.05);
			assertThat(background.spread()).isZero();
		}
		finally {
			idle.destroyForcibly();
		}
	}

	@Test
	void beforeALoadItWaitsForAStackStillBusyWithEarlierWorkToFallIdle() throws Exception {
		// Busy for about 4 s (a backlog the stack is still working off), then idle.
		Process draining = shell("end=$((SECONDS + 4)); while [ $SECONDS -lt $end ]; do :; done; sleep 60", "draining");
		try {
			ProcessorTime.Settled settled = ProcessorTime.ofLocalStack(draining.pid())
				.awaitIdle(Duration.ofSeconds(60));

			assertThat(settled.idle()).isTrue();
			assertThat(settled.cores()).isLessThanOrEqualTo(ProcessorTime.IDLE_CORES);
			assertThat(settled.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		}
		finally {
			draining.destroyForcibly();
		}
	}

	@Test
	void aStackThatStaysBusyIsReportedAsNotIdleOnceTheLimitIsReached() throws Exception {
		Process busy = shell("while :; do :; done", "busy");
		try {
			ProcessorTime.Settled settled = ProcessorTime.ofLocalStack(busy.pid()).awaitIdle(Duration.ofSeconds(4));

			assertThat(settled.idle()).isFalse();
			assertThat(settled.cores()).isGreaterThan(ProcessorTime.IDLE_CORES);
			assertThat(settled.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		}
		finally {
			busy.destroyForcibly();
		}
	}

	/** A shell whose command line ends with the given name ($0). */
	private static Process shell(String script, String name) throws IOException {
		return new ProcessBuilder("bash", "-c", script, name).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

}

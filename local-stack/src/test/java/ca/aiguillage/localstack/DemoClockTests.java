package ca.aiguillage.localstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoClockTests {

	private static final Instant REAL_NOW = Instant.parse("2026-12-04T15:00:00Z");

	private static final Instant SIX_MONTHS_AGO = REAL_NOW.minus(Duration.ofDays(182));

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final DemoClock clock = new DemoClock(SIX_MONTHS_AGO, Duration.ofMillis(50),
			Clock.fixed(REAL_NOW, ZoneOffset.UTC), this.nanos::get);

	@Test
	void standsStillAtItsStartUntilRun() {
		this.nanos.addAndGet(Duration.ofMinutes(5).toNanos());

		assertThat(this.clock.instant()).isEqualTo(SIX_MONTHS_AGO);
	}

	@Test
	void flowsThroughAnHourInItsRealTime() {
		this.clock.run();
		this.nanos.addAndGet(Duration.ofMillis(25).toNanos());

		assertThat(this.clock.instant()).isEqualTo(SIX_MONTHS_AGO.plus(Duration.ofMinutes(30)));
	}

	@Test
	void goesNoFurtherThanItsHourWhileTheHistoryIsBusy() {
		this.clock.run();
		this.nanos.addAndGet(Duration.ofSeconds(10).toNanos());

		assertThat(this.clock.instant()).isEqualTo(SIX_MONTHS_AGO.plus(Duration.ofHours(1)));
	}

	@Test
	void eachNextHourMovesItOnOneHour() {
		this.clock.run();
		for (int i = 0; i < 24; i++) {
			this.nanos.addAndGet(Duration.ofMillis(50).toNanos());
			this.clock.nextHour();
		}

		assertThat(this.clock.instant()).isEqualTo(SIX_MONTHS_AGO.plus(Duration.ofDays(1)));
		assertThat(this.clock.caughtUp()).isFalse();
	}

	@Test
	void isTheRealTimeOnceItCaughtUpAndForGood() {
		this.clock.run();
		for (int i = 0; i < 182 * 24; i++) {
			this.clock.nextHour();
		}

		assertThat(this.clock.caughtUp()).isTrue();
		assertThat(this.clock.instant()).isEqualTo(REAL_NOW);
		this.nanos.addAndGet(Duration.ofMillis(50).toNanos());
		assertThat(this.clock.instant()).isEqualTo(REAL_NOW);
	}

	@Test
	void showsTheSameDemoTimeInAnotherZone() {
		this.clock.run();
		this.nanos.addAndGet(Duration.ofMillis(50).toNanos());
		Clock quebec = this.clock.withZone(ZoneId.of("America/Toronto"));

		assertThat(quebec.instant()).isEqualTo(SIX_MONTHS_AGO.plus(Duration.ofHours(1)));
		assertThat(quebec.getZone()).isEqualTo(ZoneId.of("America/Toronto"));
	}

}

package ca.aiguillage.notification.delivery;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTests {

	@Test
	void daytimeMessageGoesAtOnce() {
		Instant tenAm = Instant.parse("2026-11-20T15:00:00Z");

		assertThat(QuietHours.nextAllowed(tenAm)).isEqualTo(tenAm);
	}

	@Test
	void eveningMessageWaitsForEightTheNextMorningInMontreal() {
		assertThat(QuietHours.nextAllowed(Instant.parse("2026-11-21T02:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
	}

	@Test
	void earlyMorningMessageWaitsForEightTheSameMorning() {
		assertThat(QuietHours.nextAllowed(Instant.parse("2026-11-21T11:59:00Z")))
			.isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
	}

	@Test
	void summerTimeMovesEightOClockByAnHour() {
		assertThat(QuietHours.nextAllowed(Instant.parse("2026-07-01T01:30:00Z")))
			.isEqualTo(Instant.parse("2026-07-01T12:00:00Z"));
	}

	@Test
	void oneMinuteBeforeNineInTheEveningStillGoesAtOnce() {
		Instant eightFiftyNine = Instant.parse("2026-11-21T01:59:00Z");

		assertThat(QuietHours.nextAllowed(eightFiftyNine)).isEqualTo(eightFiftyNine);
	}

}

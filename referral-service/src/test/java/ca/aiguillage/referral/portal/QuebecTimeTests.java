package ca.aiguillage.referral.portal;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuebecTimeTests {

	@Test
	void frenchReadsQuebecLocalTimeInWords() {
		// 13:05 UTC in December is 8:05 in Montreal (EST, UTC-5).
		assertThat(QuebecTime.format(Instant.parse("2026-12-03T13:05:02.957Z"), Locale.FRENCH))
			.isEqualTo("3 décembre 2026, 8 h 05");
	}

	@Test
	void summerTimeIsTakenIntoAccount() {
		// 13:05 UTC in July is 9:05 in Montreal (EDT, UTC-4).
		assertThat(QuebecTime.format(Instant.parse("2026-07-14T13:05:00Z"), Locale.FRENCH))
			.isEqualTo("14 juillet 2026, 9 h 05");
	}

	@Test
	void englishReadsTheSameMomentTheEnglishWay() {
		assertThat(QuebecTime.format(Instant.parse("2026-12-03T13:05:02.957Z"), Locale.ENGLISH))
			.isEqualTo("December 3, 2026, 8:05 a.m.");
	}

}

package ca.aiguillage.notification.templates;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTests {

	@Test
	void gsmTextTakesOneSegmentUpTo160CharactersThen153Each() {
		assertThat(SmsSegments.count("é".repeat(160))).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
	}

	@Test
	void extensionCharactersCountTwice() {
		assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
		assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
	}

	@Test
	void oneCharacterOutsideTheGsmAlphabetMakesTheWholeTextUcs2() {
		assertThat(SmsSegments.count("ê" + "a".repeat(69))).isEqualTo(1);
		assertThat(SmsSegments.count("ê" + "a".repeat(70))).isEqualTo(2);
		assertThat(SmsSegments.count("ç" + "a".repeat(134))).isEqualTo(3);
	}

}

package ca.aiguillage.platform.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTests {

	@Test
	void lineBreaksAndControlCharactersAreEscapedOntoOneLine() {
		assertThat(LogText.of("id-1\r\nINFO forged\u0000\u001b[31m"))
			.isEqualTo("id-1\\u000d\\u000aINFO forged\\u0000\\u001b[31m");
	}

	@Test
	void unicodeLineSeparatorsAndInvisibleDirectionMarksAreEscaped() {
		assertThat(LogText.of("a\u2028b\u2029c\u202ed")).isEqualTo("a\\u2028b\\u2029c\\u202ed");
	}

	@Test
	void ordinaryTextIsUnchangedAccentsIncluded() {
		assertThat(LogText.of("ca.aiguillage.referral.submitted.v1 Québec"))
			.isEqualTo("ca.aiguillage.referral.submitted.v1 Québec");
	}

	@Test
	void aLongValueIsCut() {
		assertThat(LogText.of("x".repeat(5_000))).hasSize(201).endsWith("…");
	}

	@Test
	void nothingIsWrittenAsNull() {
		assertThat(LogText.of(null)).isEqualTo("null");
	}

}

package ca.aiguillage.platform.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellTests {

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1",
			"=HYPERLINK(\"http://x\")\nsecond line" })
	void aValueASpreadsheetWouldRunIsShownAsText(String value) {
		assertThat(CsvCell.quoted(value)).startsWith("\"'");
	}

	@Test
	void plainTextIsOnlyQuotedWithItsQuotesDoubled() {
		assertThat(CsvCell.quoted("Clinique \"Laval\"")).isEqualTo("\"Clinique \"\"Laval\"\"\"");
	}

	@Test
	void nothingIsAnEmptyCell() {
		assertThat(CsvCell.quoted(null)).isEqualTo("\"\"");
		assertThat(CsvCell.quoted("")).isEqualTo("\"\"");
	}

}

package ca.aiguillage.platform.web;

import org.jspecify.annotations.Nullable;

/**
 * One cell of a CSV export that a spreadsheet opens: always quoted, and a value a
 * spreadsheet would run as a formula (a leading {@code = + - @}, tab, carriage return or
 * line feed) starts with an apostrophe so it is shown as text.
 */
public final class CsvCell {

	private static final String FORMULA_STARTS = "=+-@\t\r\n";

	private CsvCell() {
	}

	/**
	 * The value as a quoted, formula-safe CSV cell.
	 * @param value the text to export, or null for an empty cell
	 * @return the cell, quotes doubled inside
	 */
	public static String quoted(@Nullable String value) {
		if (value == null) {
			return "\"\"";
		}
		String safe = (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

}

package ca.aiguillage.platform.logging;

import org.jspecify.annotations.Nullable;

/**
 * A value read from a message or a request, made safe to write in a log line: control
 * characters (CR and LF included), line separators and invisible format characters are
 * escaped, so a sender cannot forge log lines or hide text; long values are cut.
 */
public final class LogText {

	private static final int LIMIT = 200;

	private LogText() {
	}

	/**
	 * The value as one harmless line.
	 * @param value a value that came from outside, possibly null
	 * @return the value with control and format characters escaped as {@code \\uXXXX}
	 */
	public static String of(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		StringBuilder safe = new StringBuilder(Math.min(text.length(), LIMIT) + 16);
		text.codePoints().limit(LIMIT).forEach(codePoint -> {
			if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT
					|| Character.getType(codePoint) == Character.LINE_SEPARATOR
					|| Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR) {
				safe.append(String.format("\\u%04x", codePoint));
			}
			else {
				safe.appendCodePoint(codePoint);
			}
		});
		if (text.codePointCount(0, text.length()) > LIMIT) {
			safe.append("…");
		}
		return safe.toString();
	}

}

package ca.aiguillage.referral.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as people in Quebec read them: local time, « 3 décembre 2026, 8 h 05 » in French
 * and « December 3, 2026, 8:05 a.m. » in English.
 *
 * @param locale the page's language
 */
record QuebecTime(Locale locale) {

	static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy",
			Locale.CANADA_FRENCH);

	private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("MMMM d, yyyy, h:mm a", Locale.CANADA);

	/** For the pages: the time in the page's language. */
	public String of(Instant instant) {
		return format(instant, this.locale);
	}

	static String format(Instant instant, Locale locale) {
		ZonedDateTime local = instant.atZone(QUEBEC);
		if (locale.getLanguage().equals("en")) {
			return local.format(ENGLISH);
		}
		return local.format(FRENCH_DAY) + ", " + local.getHour() + " h " + String.format("%02d", local.getMinute());
	}

}

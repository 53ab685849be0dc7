package ca.aiguillage.notification.templates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.notification.contacts.PredictedStart;
import org.jspecify.annotations.Nullable;

/**
 * A predicted start as a message fact, {@code from/to/method/position} (empty parts when
 * unknown) or {@code NONE}, and its words in a language.
 *
 * @param from the earliest likely day, or null when there is no estimate
 * @param to the latest likely day, or null when there is no estimate
 * @param method how it was forecast, or null
 * @param position how many wait ahead, or null
 */
record StartForecast(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String method,
		@Nullable Integer position) {

	static final String NONE = "NONE";

	/** The first is what previews show; the second is the longest in words. */
	static final List<String> SAMPLES = List.of("2027-01-10/2027-02-20/CAPACITY/7",
			"2027-08-30/2028-09-30/NO_RECENT_STARTS/1234", "2027-03-01/2027-03-01/OBSERVED_STARTS/1",
			"2027-03-01/2027-04-15/OBSERVED_STARTS/0", "2027-03-01/2027-04-15//", NONE);

	static String factOf(Optional<PredictedStart> predicted) {
		return predicted.filter(known -> known.from() != null && known.to() != null).map(known -> {
			PredictedStart.Basis basis = known.basis();
			String method = (basis != null && basis.method() != null) ? basis.method() : "";
			// waitlist-service counts the client's own place: 1 is the next to start.
			String position = (basis != null && basis.position() != null)
					? String.valueOf(Math.max(0, basis.position() - 1)) : "";
			return known.from() + "/" + known.to() + "/" + method + "/" + position;
		}).orElse(NONE);
	}

	static StartForecast parse(String fact) {
		if (NONE.equals(fact)) {
			return new StartForecast(null, null, null, null);
		}
		String[] parts = fact.split("/", -1);
		if (parts.length != 4) {
			throw new IllegalArgumentException("Not a predicted start: " + fact);
		}
		return new StartForecast(LocalDate.parse(parts[0]), LocalDate.parse(parts[1]),
				parts[2].isEmpty() ? null : parts[2], parts[3].isEmpty() ? null : Integer.valueOf(parts[3]));
	}

	/**
	 * « Début probable : entre le 10 janvier et le 20 février 2027 (7 personnes avant
	 * vous, selon …). »
	 */
	String sentence(Templates.Language language) {
		LocalDate first = this.from;
		LocalDate last = this.to;
		if (first == null || last == null) {
			return language.text("start.none");
		}
		List<String> basis = new ArrayList<>();
		if (this.position != null) {
			String key = (this.position <= 1) ? "start.ahead." + this.position : "start.ahead";
			basis.add(language.text(key).replace("{count}", this.position.toString()));
		}
		if (this.method != null && language.texts().getProperty("start.basis." + this.method) != null) {
			basis.add(language.text("start.basis." + this.method));
		}
		return language.text("start.likely")
			.replace("{range}", range(first, last, language))
			.replace("{basis}", basis.isEmpty() ? "" : " (" + String.join(", ", basis) + ")");
	}

	/** The range only, in the GSM alphabet. */
	String shortSentence(Templates.Language language) {
		LocalDate first = this.from;
		LocalDate last = this.to;
		if (first == null || last == null) {
			return language.text("start.sms.none");
		}
		// "aout" is an accepted spelling, and û would make the message UCS-2.
		return language.text("start.sms").replace("{range}", range(first, last, language)).replace('û', 'u');
	}

	private static String range(LocalDate from, LocalDate to, Templates.Language language) {
		String last = to.format(language.formatter("format.date"));
		if (from.equals(to)) {
			return language.text("start.range.single").replace("{date}", last);
		}
		String first = from
			.format(language.formatter((from.getYear() == to.getYear()) ? "format.day-month" : "format.date"));
		return language.text("start.range").replace("{from}", first).replace("{to}", last);
	}

}

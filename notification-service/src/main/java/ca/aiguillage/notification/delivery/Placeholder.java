package ca.aiguillage.notification.delivery;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import ca.aiguillage.contracts.common.Modality;

/**
 * What a template may say, written {@code {name}} in its text. Each turns a
 * language-neutral fact into words of one language; none can name the client or say
 * anything clinical.
 */
enum Placeholder {

	/** The day the referral was registered, which is when the wait started. */
	RECEIVED_ON("receivedOn", List.of("2026-11-20T14:03:00Z")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return LocalDate.ofInstant(Instant.parse(fact), MONTREAL).format(language.formatter("format.date"));
		}
	},

	/** The organization that offers the place. */
	ORGANIZATION("organization", List.of("org-montreal-nord")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return fact;
		}
	},

	/** Where sessions happen, such as "par vidéo". */
	MODALITY("modality", Stream.of(Modality.values()).map(Modality::name).toList()) {
		@Override
		String localise(String fact, Templates.Language language) {
			return language.text("modality." + fact);
		}
	},

	/** The day of the week of the first slot offered. */
	WEEKDAY("weekday", Stream.of(DayOfWeek.values()).map(DayOfWeek::name).toList()) {
		@Override
		String localise(String fact, Templates.Language language) {
			return DayOfWeek.valueOf(fact).getDisplayName(TextStyle.FULL, language.locale());
		}
	},

	/** The time the first slot offered starts, in Montreal time. */
	START_TIME("startTime", List.of("09:00", "13:30")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return LocalTime.parse(fact).format(language.formatter("format.time"));
		}
	};

	/** Slots are weekly times in Montreal, and so are the dates a client reads. */
	private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

	private final String token;

	private final List<String> samples;

	Placeholder(String token, List<String> samples) {
		this.token = token;
		this.samples = samples;
	}

	/** The name written between braces in templates. */
	String token() {
		return this.token;
	}

	/** Facts this placeholder can receive, tried in every language at start-up. */
	List<String> samples() {
		return this.samples;
	}

	/**
	 * Puts a fact into words.
	 * @throws RuntimeException when the language lacks a text or format this needs
	 */
	abstract String localise(String fact, Templates.Language language);

	static Optional<Placeholder> byToken(String token) {
		return Stream.of(values()).filter(placeholder -> placeholder.token.equals(token)).findFirst();
	}

}

package ca.aiguillage.notification.templates;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;

/**
 * What a template may say, written {@code {name}} in its text. Each turns a
 * language-neutral fact into words of one language; none can name the client or say
 * anything clinical.
 */
public enum Placeholder {

	/** The day the referral was registered, which is when the wait started. */
	RECEIVED_ON("receivedOn", List.of("2026-11-20T14:03:00Z")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return date(fact, language);
		}
	},

	/** The organization that offers the place, by name. */
	ORGANIZATION("organization", List.of("Centre St-Pierre", "Centre de psychothérapie de Montréal-Nord")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return fact;
		}
	},

	/** The therapist's first name, the only thing a message says of them. */
	THERAPIST("therapist", List.of("Camille", "Marie-Christine")) {
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
	},

	/**
	 * The fee per session from the client's sliding scale, in cents, or {@code NONE} when
	 * the organization sets it with the client.
	 */
	FEE("fee", List.of("2500", "12000", "NONE")) {
		@Override
		String localise(String fact, Templates.Language language) {
			if ("NONE".equals(fact)) {
				return language.text("fee.NONE");
			}
			DecimalFormat format = new DecimalFormat(language.text("format.fee"),
					DecimalFormatSymbols.getInstance(language.locale()));
			// A plain space keeps a text message in the GSM alphabet.
			return format.format(Integer.parseInt(fact) / 100.0).replace('\u00A0', ' ').replace('\u202F', ' ');
		}
	},

	/** The signed, single-use link that answers a proposal or a check-in. */
	ANSWER_LINK("answerLink",
			List.of("https://aiguillage.example.org/r/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return fact;
		}
	},

	/**
	 * The signed, single-use link by which a self-referred client confirms that the
	 * address or number is theirs; each channel's message carries its own.
	 */
	CONFIRM_LINK("confirmLink",
			List.of("https://aiguillage.example.org/r/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return fact;
		}
	},

	/** The last day to answer. */
	ANSWER_BY("answerBy", List.of("2027-01-03T14:03:00Z")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return date(fact, language);
		}
	},

	/**
	 * By when the client must answer a proposal, in Quebec time ("avant le 5 décembre, 17
	 * h"); or "as soon as possible" ({@code NONE}) when waitlist-service could not say.
	 */
	ANSWER_DEADLINE("answerDeadline",
			List.of("2026-12-05T22:00:00Z", "2026-09-30T21:30:00Z", "2027-08-01T12:00:00Z", MessageFacts.NO_DEADLINE)) {
		@Override
		String localise(String fact, Templates.Language language) {
			if (MessageFacts.NO_DEADLINE.equals(fact)) {
				return language.text("deadline.NONE");
			}
			ZonedDateTime local = Instant.parse(fact).atZone(MONTREAL);
			String format = (local.getMinute() == 0) ? "format.deadline" : "format.deadline-minutes";
			// "aout" (1990 spelling) keeps a text message in the GSM alphabet.
			return local.format(language.formatter(format)).replace('û', 'u').replace('\u202F', ' ');
		}
	},

	/**
	 * When the client's therapy is likely to start and why, as a sentence; or that there
	 * is no estimate yet. The fact is {@code from/to/method/position} or {@code NONE}
	 * ({@link MessageFacts#likelyStart}).
	 */
	/**
	 * Why a place of the network-wide video pool is with another organization: the
	 * language of therapy its own organization had no free place in, or nothing.
	 */
	VIDEO_POOL("videoPool", List.of(MessageFacts.NOT_VIDEO_POOL, "es", "pt")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return videoPool("video-pool.body", fact, language);
		}
	},

	LIKELY_START("likelyStart", StartForecast.SAMPLES) {
		@Override
		String localise(String fact, Templates.Language language) {
			return StartForecast.parse(fact).sentence(language);
		}
	},

	/** The same forecast, short enough for a text message: the range only. */
	LIKELY_RANGE("likelyRange", StartForecast.SAMPLES) {
		@Override
		String localise(String fact, Templates.Language language) {
			return StartForecast.parse(fact).shortSentence(language);
		}
	},

	/** Why a coordinator is asked to look at a referral. */
	CAUSE("cause", Stream.of(ReviewRequestedV1.Cause.values()).map(Enum::name).toList()) {
		@Override
		String localise(String fact, Templates.Language language) {
			return language.text("cause." + fact);
		}
	},

	/** Why a referral left the queue, for referrers. */
	OUTCOME("outcome", Stream.of(ReferralLeftQueueV2.Outcome.values()).map(Enum::name).toList()) {
		@Override
		String localise(String fact, Templates.Language language) {
			return language.text("outcome." + fact);
		}
	},

	/** The referral id, for coordinators and referrers only. */
	REFERRAL("referral", List.of("0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return fact;
		}
	},

	/** How many referrals a coordinators' digest lists. */
	COUNT("count", List.of("1", "12")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return fact;
		}
	},

	/** The referral ids a coordinators' digest lists, comma-separated, one per line. */
	REFERRALS("referrals", List.of("0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11,5d1e4c1a-3b9e-4b8e-8e0c-2a1f6f1b7c22")) {
		@Override
		String localise(String fact, Templates.Language language) {
			return Stream.of(fact.split(",")).map(id -> "- " + id).collect(Collectors.joining("\n"));
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
	public String token() {
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

	private static String videoPool(String key, String fact, Templates.Language language) {
		if (MessageFacts.NOT_VIDEO_POOL.equals(fact)) {
			return "";
		}
		String named = Locale.forLanguageTag(fact).getDisplayLanguage(language.locale());
		return language.text(key).replace("{language}", named.isEmpty() ? fact : named);
	}

	private static String date(String fact, Templates.Language language) {
		return LocalDate.ofInstant(Instant.parse(fact), MONTREAL).format(language.formatter("format.date"));
	}

	static Optional<Placeholder> byToken(String token) {
		return Stream.of(values()).filter(placeholder -> placeholder.token.equals(token)).findFirst();
	}

}

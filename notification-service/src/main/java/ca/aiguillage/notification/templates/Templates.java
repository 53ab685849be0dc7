package ca.aiguillage.notification.templates;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.notification.templates.TemplateSettings.EventTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The messages events call for, and their texts in each language: a subject and a
 * plain-text body per template, with {@code {placeholder}}s. The whole set is checked
 * when it is built, so that a running service can render every template in every listed
 * language.
 * <p>
 * Over 300 lines on purpose: the start-up checks (placeholders offered, words in every
 * language, SMS length, the digest) read the same table and texts the renderer uses, so a
 * check can never drift from what is rendered.
 */
public final class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

	private static final int MAX_SMS_SEGMENTS = 2;

	/** The coordinators' morning digest, which no single event calls for. */
	private static final String DIGEST = "digest";

	private final Map<String, List<Rule>> rulesByEventType = new LinkedHashMap<>();

	private final Map<String, Language> languages = new LinkedHashMap<>();

	/**
	 * Checks and keeps the table and the texts.
	 * @param settings the template table
	 * @param texts the texts of each language, by language code
	 * @throws IllegalStateException naming every problem found
	 */
	Templates(TemplateSettings settings, Map<String, Properties> texts) {
		Set<String> problems = new LinkedHashSet<>();
		if (settings.languages().isEmpty()) {
			problems.add("no language is listed; the first listed is the default");
		}
		for (int i = 0; i < settings.languages().size(); i++) {
			String code = settings.languages().get(i);
			Properties properties = texts.get(code);
			if (properties == null) {
				problems.add("no texts in " + code + " (" + file(settings, i) + ")");
				continue;
			}
			this.languages.put(code, new Language(code, Locale.forLanguageTag(code), properties));
		}
		if (settings.events().isEmpty()) {
			problems.add("no event calls for a message");
		}
		Map<String, Set<Placeholder>> used = new LinkedHashMap<>();
		Set<String> eventAudiences = new HashSet<>();
		for (int i = 0; i < settings.events().size(); i++) {
			Rule rule = rule("events[" + i + "]", settings.events().get(i), problems);
			if (rule == null) {
				continue;
			}
			if (!rule.unused() && !eventAudiences.add(rule.eventType() + "|" + rule.audience() + "|"
					+ rule.selfReferred() + "|" + rule.reminder() + "|" + rule.trigger())) {
				problems
					.add("events[" + i + "]: " + rule.eventType() + " already has a message for " + rule.audience());
			}
			this.rulesByEventType.computeIfAbsent(rule.eventType(), type -> new ArrayList<>()).add(rule);
			for (Language language : this.languages.values()) {
				used.computeIfAbsent(language.code(), code -> new LinkedHashSet<>())
					.addAll(check(rule, language, problems));
			}
		}
		used.forEach((code, placeholders) -> checkWords(this.languages.get(code), placeholders, problems));
		for (Language language : this.languages.values()) {
			checkDigest(language, problems);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException(
					"Notification templates are incomplete or wrong:\n - " + String.join("\n - ", problems));
		}
	}

	/**
	 * Reads the texts of every listed language from the classpath and checks them.
	 * @throws IllegalStateException naming every problem found
	 */
	static Templates load(TemplateSettings settings, ResourceLoader resources) {
		Map<String, Properties> texts = new LinkedHashMap<>();
		for (int i = 0; i < settings.languages().size(); i++) {
			Resource resource = resources.getResource("classpath:" + file(settings, i));
			if (!resource.exists()) {
				continue;
			}
			Properties properties = new Properties();
			try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			texts.put(settings.languages().get(i), properties);
		}
		return new Templates(settings, texts);
	}

	/**
	 * The messages an event calls for, each with the event's facts; none for an event no
	 * one must hear about.
	 */
	public List<MessageRequest> requestsFor(String eventId, Object data) {
		String type = EventCatalog.of(data).type();
		List<Rule> rules = this.rulesByEventType.getOrDefault(type, List.of());
		if (rules.isEmpty()) {
			return List.of();
		}
		Map<String, String> facts = MessageFacts.of(data);
		String trigger = triggerOf(data);
		List<Rule> sent = rules.stream()
			.filter(rule -> !rule.unused() && !rule.selfReferred() && !rule.reminder())
			.toList();
		return sent.stream()
			.filter(rule -> (rule.trigger() != null) ? rule.trigger().equals(trigger)
					: sent.stream()
						.noneMatch(other -> other.audience() == rule.audience() && other.trigger() != null
								&& other.trigger().equals(trigger)))
			.map(rule -> new MessageRequest(eventId, type, rule.template(), rule.audience(), facts, rule.urgent(),
					null))
			.toList();
	}

	/** Why the event asks, when rows of its type differ by that: a check-in's trigger. */
	private static @Nullable String triggerOf(Object data) {
		return (data instanceof CheckInDueV1 checkIn && checkIn.trigger() != null) ? checkIn.trigger().name() : null;
	}

	/**
	 * The template that replaces a message for a client who referred themself, if the
	 * table has one.
	 */
	public Optional<String> forSelfReferral(MessageRequest request) {
		return this.rulesByEventType.getOrDefault(request.eventType(), List.of())
			.stream()
			.filter(rule -> rule.selfReferred() && !rule.unused() && rule.audience() == request.audience())
			.map(Rule::template)
			.findFirst();
	}

	/**
	 * The template that reminds the client, half way through the time to answer, of the
	 * question a message asks, if the table has one.
	 */
	public Optional<String> reminderOf(MessageRequest request) {
		return this.rulesByEventType.getOrDefault(request.eventType(), List.of())
			.stream()
			.filter(rule -> rule.reminder() && !rule.unused() && rule.audience() == request.audience())
			.map(Rule::template)
			.findFirst();
	}

	/**
	 * Renders a template in a language, or in the default language when that one is not
	 * listed.
	 * @throws IllegalStateException when a fact the template needs is missing
	 */
	public RenderedMessage render(String template, String languageCode, Map<String, String> facts) {
		Language language = language(languageCode);
		return new RenderedMessage(language.code(), fill(language.text(template + ".subject"), facts, language),
				optional(language, template + ".body", facts), optional(language, template + ".sms", facts));
	}

	/**
	 * Renders the coordinators' digest of the referrals at risk, in the default language.
	 */
	public RenderedMessage digest(List<String> referralIds) {
		return render(DIGEST, defaultLanguage().code(), digestFacts(referralIds));
	}

	private static Map<String, String> digestFacts(List<String> referralIds) {
		return Map.of(Placeholder.COUNT.token(), Integer.toString(referralIds.size()), Placeholder.REFERRALS.token(),
				String.join(",", referralIds));
	}

	private void checkDigest(Language language, Set<String> problems) {
		try {
			RenderedMessage sample = render(DIGEST, language.code(),
					digestFacts(List.of(Placeholder.REFERRALS.samples().get(0).split(","))));
			if (sample.body().isBlank()) {
				problems.add(DIGEST + ".body is missing in " + language.code());
			}
		}
		catch (RuntimeException ex) {
			problems.add(DIGEST + " in " + language.code() + ": " + ex.getMessage());
		}
	}

	/**
	 * Renders a template with sample facts, as an administrator previews it.
	 * @return empty when no row of the table uses that template
	 */
	Optional<RenderedMessage> preview(String template, String languageCode) {
		return this.rulesByEventType.values()
			.stream()
			.flatMap(List::stream)
			.filter(rule -> rule.template().equals(template))
			.findFirst()
			.map(rule -> render(template, languageCode, samples(rule, Placeholder::samples)));
	}

	/** The language a code gets: itself when listed, else the default. */
	public Language language(String languageCode) {
		return this.languages.getOrDefault(languageCode.toLowerCase(Locale.ROOT), defaultLanguage());
	}

	private static String optional(Language language, String key, Map<String, String> facts) {
		String text = language.texts().getProperty(key);
		return (text == null) ? "" : fill(text, facts, language);
	}

	private static Map<String, String> samples(Rule rule,
			java.util.function.Function<Placeholder, List<String>> samples) {
		Map<String, String> facts = new LinkedHashMap<>();
		MessageFacts.offeredBy(rule.eventType())
			.orElseThrow()
			.forEach(placeholder -> facts.put(placeholder.token(), samples.apply(placeholder).get(0)));
		return facts;
	}

	private Language defaultLanguage() {
		return this.languages.values().iterator().next();
	}

	private static String fill(String text, Map<String, String> facts, Language language) {
		return PLACEHOLDER.matcher(text).replaceAll(match -> {
			String token = match.group(1);
			String fact = facts.get(token);
			Placeholder placeholder = Placeholder.byToken(token).orElse(null);
			if (fact == null || placeholder == null) {
				throw new IllegalStateException("No fact for {" + token + "}");
			}
			return Matcher.quoteReplacement(placeholder.localise(fact, language));
		});
	}

	private static String file(TemplateSettings settings, int languageIndex) {
		String suffix = (languageIndex == 0) ? "" : "_" + settings.languages().get(languageIndex);
		return settings.bundle() + suffix + ".properties";
	}

	private static @Nullable Rule rule(String where, EventTemplate row, Set<String> problems) {
		if (row.type() == null || row.audience() == null || row.template() == null || row.template().isBlank()) {
			problems.add(where + ": type, audience and template are all required");
			return null;
		}
		if (EventCatalog.byType(row.type()).isEmpty()) {
			problems.add(where + ": " + row.type() + " is not an event type of the contract");
			return null;
		}
		if (MessageFacts.offeredBy(row.type()).isEmpty()) {
			problems.add(where + ": no message can be made of " + row.type() + " yet");
			return null;
		}
		if (row.trigger() != null && (!CheckInDueV1.TYPE.equals(row.type()) || Stream.of(CheckInDueV1.Trigger.values())
			.noneMatch(trigger -> trigger.name().equals(row.trigger())))) {
			problems.add(where + ": trigger " + row.trigger() + " is not one of " + CheckInDueV1.TYPE + "'s "
					+ List.of(CheckInDueV1.Trigger.values()));
			return null;
		}
		return new Rule(row.type(), row.audience(), row.template(), Boolean.TRUE.equals(row.urgent()),
				Boolean.TRUE.equals(row.unused()), Boolean.TRUE.equals(row.selfReferred()),
				Boolean.TRUE.equals(row.reminder()), row.trigger());
	}

	/** Checks one template's texts in one language; returns the placeholders they use. */
	private static Set<Placeholder> check(Rule rule, Language language, Set<String> problems) {
		Set<Placeholder> offered = MessageFacts.offeredBy(rule.eventType()).orElseThrow();
		Set<Placeholder> used = new LinkedHashSet<>();
		int before = problems.size();
		for (String part : rule.audience().parts()) {
			String key = rule.template() + "." + part;
			String text = language.texts().getProperty(key);
			if (text == null || text.isBlank()) {
				problems.add(key + " is missing in " + language.code());
				continue;
			}
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				String token = matcher.group(1);
				Placeholder placeholder = Placeholder.byToken(token).orElse(null);
				if (placeholder == null) {
					problems.add(key + " in " + language.code() + " uses {" + token + "}, which is no placeholder");
				}
				else if (!offered.contains(placeholder)) {
					problems.add(key + " in " + language.code() + " uses {" + token + "}, which " + rule.eventType()
							+ " does not offer");
				}
				else if (placeholder == Placeholder.CONFIRM_LINK && !rule.selfReferred()) {
					// Only a self-referral's destinations are confirmed: elsewhere the
					// link would not exist.
					problems.add(key + " in " + language.code() + " uses {" + token
							+ "}, which only a selfReferred row may use");
				}
				else {
					used.add(placeholder);
				}
			}
			if (PLACEHOLDER.matcher(text).replaceAll("").matches("(?s).*[{}].*")) {
				problems.add(key + " in " + language.code() + " has an unmatched brace");
			}
		}
		if (problems.size() == before && rule.audience().parts().contains("sms")) {
			checkSmsLength(rule, language, problems);
		}
		return used;
	}

	/** The longest each fact can be, in every combination that matters: one at a time. */
	private static void checkSmsLength(Rule rule, Language language, Set<String> problems) {
		String key = rule.template() + ".sms";
		try {
			Map<String, String> longest = samples(rule, placeholder -> List.of(placeholder.samples()
				.stream()
				.max(java.util.Comparator.comparingInt(sample -> placeholder.localise(sample, language).length()))
				.orElseThrow()));
			int segments = SmsSegments.count(fill(language.text(key), longest, language));
			if (segments > MAX_SMS_SEGMENTS) {
				problems.add(key + " in " + language.code() + " takes " + segments + " SMS segments, more than "
						+ MAX_SMS_SEGMENTS);
			}
		}
		catch (RuntimeException ex) {
			// Named by checkWords with the placeholder at fault.
		}
	}

	/**
	 * Tries every fact each placeholder can receive, so that a missing code or a bad
	 * format shows now.
	 */
	private static void checkWords(Language language, Set<Placeholder> placeholders, Set<String> problems) {
		for (Placeholder placeholder : placeholders) {
			for (String sample : placeholder.samples()) {
				try {
					placeholder.localise(sample, language);
				}
				catch (RuntimeException ex) {
					problems.add("{" + placeholder.token() + "} cannot be put into words in " + language.code() + ": "
							+ ex.getMessage());
				}
			}
		}
	}

	/** One row of the checked table. */
	private record Rule(String eventType, Audience audience, String template, boolean urgent, boolean unused,
			boolean selfReferred, boolean reminder, @Nullable String trigger) {
	}

	/**
	 * The texts of one language.
	 *
	 * @param code the ISO 639-1 code
	 * @param locale the locale for day names
	 * @param texts the subjects, bodies, codes and formats
	 */
	public record Language(String code, Locale locale, Properties texts) {

		/**
		 * @throws IllegalStateException when the language lacks the text
		 */
		public String text(String key) {
			String text = this.texts.getProperty(key);
			if (text == null) {
				throw new IllegalStateException(key + " is missing");
			}
			return text;
		}

		DateTimeFormatter formatter(String key) {
			return DateTimeFormatter.ofPattern(text(key), this.locale);
		}

	}

}

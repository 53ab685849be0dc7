package ca.aiguillage.waitlist.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2.ClosedBy;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2.Outcome;
import ca.aiguillage.waitlist.insight.WaitReport;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueStatus;
import ca.aiguillage.waitlist.queue.QueueView;
import ca.aiguillage.waitlist.queue.Step;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

/**
 * What the console's pages say instead of codes, for one page in one language: times in
 * Quebec's time zone, languages and people by name, each step's details, the score as a
 * sentence. Names come from matching-service at view time; without them a page shows the
 * id and says the name is unavailable.
 */
public final class Words {

	/** Quebec's time zone. */
	static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	private static final DateTimeFormatter FRENCH_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, H 'h' mm",
			Locale.FRENCH);

	private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("MMMM d, yyyy, h:mm a",
			Locale.ENGLISH);

	private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

	private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

	/**
	 * The languages the filter offers, by name: those most spoken in Quebec's community.
	 */
	static final List<String> FILTER_LANGUAGES = List.of("fr", "en", "es", "ar", "zh", "ht", "pt", "fa", "it", "ru",
			"vi", "ro", "tl", "ta", "pa", "uk", "de", "el", "he", "ko", "pl", "tr", "bn", "ur", "hi");

	private final Locale locale;

	private final Names names;

	private final MessageSource messages;

	Words(Locale locale, Names names, MessageSource messages) {
		this.locale = locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.FRENCH;
		this.names = names;
		this.messages = messages;
	}

	/**
	 * The words of a page that names no therapist or organization.
	 * @param locale the page's language
	 * @param messages the console's messages
	 * @return the page's words
	 */
	public static Words of(Locale locale, MessageSource messages) {
		return new Words(locale, Names.none(), messages);
	}

	/** A moment as people in Quebec read it: "3 décembre 2026, 8 h 05". */
	public String when(@Nullable Instant at) {
		if (at == null) {
			return "";
		}
		return (english() ? ENGLISH_TIME : FRENCH_TIME).format(at.atZone(QUEBEC));
	}

	/** A day: "3 décembre 2026". */
	public String day(@Nullable LocalDate day) {
		if (day == null) {
			return "";
		}
		return (english() ? ENGLISH_DAY : FRENCH_DAY).format(day);
	}

	/**
	 * A referral named by when it was received and whose it is, instead of its id:
	 * "Demande reçue le 20 novembre 2026, adressée par CLSC d'Ahuntsic", "Autoréférence
	 * reçue le …".
	 */
	public String received(@Nullable String referrer, boolean selfReferral, @Nullable Instant at) {
		if (at == null) {
			return text("console.received.unknown");
		}
		String day = day(at.atZone(QUEBEC).toLocalDate());
		if (referrer != null) {
			return text("console.received", partner(referrer), day);
		}
		return selfReferral ? text("console.received.self", day) : text("console.received.someone", day);
	}

	/** The referral a page is about, named in words (its page's heading). */
	public String received(QueueView.QueueItem referral) {
		return received(referral.referrer(), referral.referrer() == null, referral.registeredAt());
	}

	/** A referral linked to another as the same person, named in words. */
	public String received(QueueView.LinkedReferral linked) {
		return received(linked.referrer(), linked.selfReferral(), linked.receivedAt());
	}

	/**
	 * Where a referral linked to another as the same person stands: linked by a
	 * coordinator from the queue, or on arrival by intake (it never reached the queue).
	 */
	public String linkedState(QueueView.LinkedReferral linked) {
		if (!linked.inQueue()) {
			return text("console.linked.atIntake");
		}
		if (linked.status() == null || linked.status() == QueueStatus.CLOSED) {
			return text("console.linked.byCoordinator");
		}
		return text("console.linked.status", text("status." + linked.status().name()));
	}

	/** A language by its name in the page's language: "espagnol" for {@code es}. */
	public String language(@Nullable String code) {
		if (code == null || code.isBlank()) {
			return "";
		}
		String name = Locale.forLanguageTag(code).getDisplayLanguage(this.locale);
		return (name.isBlank() || name.equalsIgnoreCase(code)) ? code : name;
	}

	public String languages(@Nullable List<String> codes) {
		return (codes == null) ? "" : codes.stream().map(this::language).collect(Collectors.joining(", "));
	}

	/** The languages the queue's filter offers, in alphabetical order of their names. */
	public Map<String, String> filterLanguages() {
		return FILTER_LANGUAGES.stream()
			.sorted((a, b) -> language(a).compareTo(language(b)))
			.collect(Collectors.toMap(code -> code, this::language, (a, b) -> a, java.util.LinkedHashMap::new));
	}

	/** A therapist's name, or their id when matching-service did not give it. */
	public String therapist(@Nullable String id) {
		return named(id, this.names.therapist(id));
	}

	/** An organization's name, or its id when matching-service did not give it. */
	public String organization(@Nullable String id) {
		return named(id, this.names.organization(id));
	}

	/**
	 * Whose queue a line of the queue-length chart is: an organization, or the network's.
	 */
	public String queueOwner(String organizationId) {
		return organizationId.equals("none") ? text("console.waits.queueLength.network") : organization(organizationId);
	}

	/** A referring partner's name, or their id when it is not configured. */
	public String partner(@Nullable String id) {
		return named(id, this.names.partner(id));
	}

	/**
	 * A group of the wait report in words, such as "Tarif réduit" for {@code LOW_FEE} or
	 * "Français, espagnol" for {@code fr+es}.
	 */
	public String group(WaitReport.GroupBy groupBy, String key) {
		if (key.equals("none")) {
			return capitalized(text("console.waits.group.none"));
		}
		return switch (groupBy) {
			// Organization and partner names are written as their owners spell them.
			case ORGANIZATION -> organization(key);
			case REFERRER -> partner(key);
			case LANGUAGE -> capitalized(languages(List.of(key.split("\\+"))));
			case APPROACH -> capitalized(labels("approach.", key.split("\\+")));
			case FEE_BAND -> capitalized(text("feeBand." + key));
			case REFERRER_TYPE -> text("referrerType." + key);
			case REGION -> region(key);
		};
	}

	private String region(String letter) {
		String name = this.messages.getMessage("region." + letter, null, "", this.locale);
		return (name == null || name.isEmpty()) ? letter : text("console.waits.region", letter, name);
	}

	private String capitalized(String words) {
		return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(this.locale) + words.substring(1);
	}

	private String named(@Nullable String id, @Nullable String name) {
		if (id == null) {
			return "";
		}
		return (name != null && !name.isBlank()) ? name : text("console.name.unavailable", id);
	}

	/** What a step's codes say, in words; empty when there is nothing to add. */
	public String detail(Step step) {
		String detail = step.detail();
		if (detail == null || detail.isBlank()) {
			return "";
		}
		return switch (step.what()) {
			case SUBMITTED -> text("channel." + detail);
			case PROPOSAL_MADE, PROPOSAL_IGNORED, THERAPY_STARTED, THERAPY_ENDED, REMATCH_REQUESTED ->
				therapist(detail);
			case NO_MATCH -> labels("noMatch.", detail.split(","));
			case WITHDRAWN -> text("withdrawnBy." + detail);
			case PLACE_RELEASED -> text("releaseCause." + detail);
			case CLIENT_ANSWERED -> clientAnswer(detail, true);
			case ANSWER_UNUSED -> clientAnswer(detail, false);
			case DELIVERY_FAILED -> text("delivery." + detail);
			case PROPOSAL_CONFIRMED, PROPOSAL_DECLINED -> text("decidedBy." + detail);
			case PROPOSAL_OVERRIDDEN -> overridden(detail);
			case OVERRIDE_REFUSED -> text("overrideRefused." + detail);
			case LEFT_QUEUE -> leftQueue(detail);
			case REPRIORITISED -> text("priority." + detail);
			case CHECK_IN_DUE -> text("console.checkIn.number", detail);
			case REVIEW_REQUESTED -> text("review." + detail);
			case REFERRAL_TAKEN -> organization(detail);
			case DUPLICATE_LINKED -> linkedStep(detail);
			case ANSWER_PARKED, WAITLISTED, REDIRECTED_AT_INTAKE, PROPOSAL_EXPIRED, FOLLOW_UP_RECORDED -> "";
		};
	}

	/**
	 * A link step's other referral, without its id: whose it was when the step says it
	 * (linked on arrival), otherwise "une autre demande".
	 */
	private String linkedStep(String detail) {
		String[] parts = detail.split(" ", 2);
		if (parts.length < 2) {
			return text("console.step.otherReferral");
		}
		return parts[1].equals(QueueEntry.SELF_REFERRAL) ? text("console.step.linkedSelf")
				: text("console.step.linkedFrom", partner(parts[1]));
	}

	private String leftQueue(String detail) {
		String[] parts = detail.split(":", 2);
		// Since V2 the step says who closed it: the client's own word reads as theirs.
		if (parts.length == 2 && parts[0].equals(Outcome.NO_LONGER_NEEDED.name())
				&& parts[1].equals(ClosedBy.CLIENT.name())) {
			return text("leftQueue.noLongerNeededByClient");
		}
		return text("status." + parts[0]);
	}

	private String clientAnswer(String detail, boolean withSubject) {
		String[] parts = detail.split(":", 2);
		String answer = text("answer." + parts[parts.length - 1]);
		return (withSubject && parts.length == 2) ? text("subject." + parts[0]) + " : " + answer : answer;
	}

	private String overridden(String detail) {
		String[] parts = detail.split(" ", 2);
		String therapist = therapist(parts[0]);
		if (parts.length < 2 || parts[1].isBlank()) {
			return therapist;
		}
		return text("console.override.broke", therapist, labels("constraint.", parts[1].split(",")));
	}

	/** Constraint codes in words: "langue commune, clientèle". */
	public String constraints(@Nullable List<String> codes) {
		return (codes == null) ? "" : labels("constraint.", codes.toArray(String[]::new));
	}

	/** What matched between two possibly identical people: "téléphone, courriel". */
	public String matchedOn(@Nullable List<String> codes) {
		return (codes == null) ? "" : labels("matchedOn.", codes.toArray(String[]::new));
	}

	/**
	 * Why a proposal is a video place of another organization, in a sentence: "Aucune
	 * place en somali dans l'organisme A ; place en vidéo offerte par B (réseau), au
	 * tarif de l'organisme A."
	 * @return the sentence, or an empty one for a place in the referral's own
	 * organization
	 */
	public String videoPool(ProposalMadeV1 proposal) {
		ProposalMadeV1.VideoPool pool = proposal.explanation().videoPool();
		if (pool == null) {
			return "";
		}
		String host = organization(proposal.organizationId());
		if (host.equals(proposal.organizationId()) && proposal.organizationName() != null) {
			host = proposal.organizationName();
		}
		return text("console.videoPool.why", language(pool.language()), organization(pool.homeOrganizationId()), host);
	}

	/** The score as a sentence of its parts. */
	public String score(ProposalMadeV1.Explanation explanation) {
		String parts = explanation.scoreParts()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(part -> text("console.score.part", text("score." + part.getKey()), decimal(part.getValue())))
			.collect(Collectors.joining(", "));
		return text("console.score.sentence", decimal(explanation.score()), parts);
	}

	private String decimal(double value) {
		return String.format(this.locale, "%.2f", value);
	}

	private String labels(String prefix, String[] codes) {
		return Arrays.stream(codes)
			.map(String::strip)
			.filter(code -> !code.isEmpty())
			.map(code -> text(prefix + code))
			.collect(Collectors.joining(", "));
	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, code, this.locale);
	}

	private boolean english() {
		return this.locale.getLanguage().equals("en");
	}

}

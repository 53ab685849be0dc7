package ca.aiguillage.waitlist.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.waitlist.insight.ReferrerType;
import ca.aiguillage.waitlist.insight.WaitReport;
import ca.aiguillage.waitlist.queue.CoordinatorAction;
import ca.aiguillage.waitlist.queue.FeeBand;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueStatus;
import ca.aiguillage.waitlist.queue.QueueView;
import ca.aiguillage.waitlist.queue.ReviewCause;
import ca.aiguillage.waitlist.queue.Step;
import ca.aiguillage.waitlist.queue.StepKind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class WordsTests {

	/**
	 * The hard-constraint codes matching-service explains a proposal or an override with.
	 */
	static final List<String> CONSTRAINTS = List.of("TARGET_ORGANIZATION", "SHARED_LANGUAGE", "CLIENTELE", "MODALITY",
			"WITHIN_REACH", "REQUIRED_APPROACH", "NOT_DECLINED", "FREE_PLACE", "LOW_FEE_PLACE", "COMMON_SLOT",
			"COORDINATOR_OVERRIDE", "VIDEO_POOL");

	/** Why matching-service finds no therapist. */
	static final List<String> NO_MATCH = List.of("NO_ACTIVE_THERAPIST", "NO_ACTIVE_THERAPIST_IN_TARGET_ORGANIZATION",
			"NO_COMMON_SLOT", "NO_FREE_PLACE", "NO_LOW_FEE_PLACE", "NO_SHARED_LANGUAGE");

	/** The parts of matching-service's score. */
	/** Canada Post's regions: the first letters of postal codes. */
	static final List<String> REGIONS = List.of("A", "B", "C", "E", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S",
			"T", "V", "X", "Y");

	static final List<String> SCORE_PARTS = List.of("approach", "aging", "priority", "continuity", "load");

	static final Instant AT = Instant.parse("2026-12-03T13:05:02.957Z");

	private final ResourceBundleMessageSource messages = messages();

	private final Names camille = new Names(Map.of("t-07", "Camille"), Map.of("org-laval", "Centre de Laval"));

	@Test
	void timesAreInQuebecsTimeZoneInFrenchOrEnglishFormats() {
		assertThat(french(this.camille).when(AT)).isEqualTo("3 décembre 2026, 8 h 05");
		assertThat(english(this.camille).when(AT)).isEqualTo("December 3, 2026, 8:05 AM");
		assertThat(french(this.camille).day(LocalDate.of(2027, 2, 13))).isEqualTo("13 février 2027");
		assertThat(french(this.camille).when(null)).isEmpty();
	}

	@Test
	void languagesAreNamedInThePagesLanguage() {
		assertThat(french(this.camille).languages(List.of("fr", "es"))).isEqualTo("français, espagnol");
		assertThat(english(this.camille).languages(List.of("fr", "es"))).isEqualTo("French, Spanish");
		assertThat(french(this.camille).filterLanguages()).containsEntry("ar", "arabe").containsKey("ht");
		assertThat(List.copyOf(french(this.camille).filterLanguages().values())).isSorted();
	}

	@Test
	void peopleAndPlacesAreNamedAndAnUnknownNameSaysSo() {
		assertThat(french(this.camille).therapist("t-07")).isEqualTo("Camille");
		assertThat(french(this.camille).organization("org-laval")).isEqualTo("Centre de Laval");
		assertThat(french(Names.none()).therapist("t-07")).isEqualTo("t-07 (nom indisponible)");
		assertThat(english(Names.none()).organization("org-laval")).isEqualTo("org-laval (name unavailable)");
	}

	@Test
	void waitGroupsAreSaidInWords() {
		Words french = french(new Names(Map.of(), Map.of("org-laval", "Centre de Laval"),
				Map.of("clsc-ahuntsic", "CLSC d'Ahuntsic")));

		assertThat(french.group(WaitReport.GroupBy.ORGANIZATION, "org-laval")).isEqualTo("Centre de Laval");
		assertThat(french.group(WaitReport.GroupBy.FEE_BAND, "LOW_FEE")).isEqualTo("Tarif réduit");
		assertThat(french.group(WaitReport.GroupBy.LANGUAGE, "fr+es")).isEqualTo("Français, espagnol");
		assertThat(french.group(WaitReport.GroupBy.APPROACH, "SYSTEMIC+PSYCHODYNAMIC"))
			.isEqualTo("Systémique, psychodynamique");
		assertThat(french.group(WaitReport.GroupBy.REFERRER, "clsc-ahuntsic")).isEqualTo("CLSC d'Ahuntsic");
		assertThat(french.group(WaitReport.GroupBy.REFERRER, "gasm-laval")).isEqualTo("gasm-laval (nom indisponible)");
		assertThat(french.group(WaitReport.GroupBy.REFERRER_TYPE, "SELF_REFERRAL")).isEqualTo("Autoréférence");
		assertThat(french.group(WaitReport.GroupBy.REGION, "H")).isEqualTo("H (Montréal)");
		assertThat(french.group(WaitReport.GroupBy.FEE_BAND, "none")).isEqualTo("Inconnu");
		assertThat(english(Names.none()).group(WaitReport.GroupBy.FEE_BAND, "REGULAR")).isEqualTo("Regular fee");
	}

	@Test
	void stepsSayTheirCodesInWords() {
		Words words = french(this.camille);

		assertThat(words.detail(step(StepKind.SUBMITTED, "PARTNER_API"))).isEqualTo("par un partenaire (API)");
		assertThat(words.detail(step(StepKind.NO_MATCH, "NO_FREE_PLACE,NO_COMMON_SLOT")))
			.isEqualTo("aucune place libre, aucune plage horaire commune");
		assertThat(words.detail(step(StepKind.PROPOSAL_MADE, "t-07"))).isEqualTo("Camille");
		assertThat(words.detail(step(StepKind.PROPOSAL_OVERRIDDEN, "t-07 SHARED_LANGUAGE,MODALITY")))
			.isEqualTo("Camille; contraintes non respectées : langue commune, modalité");
		assertThat(words.detail(step(StepKind.CLIENT_ANSWERED, "PROPOSAL:ACCEPT")))
			.isEqualTo("à la proposition : accepte");
		assertThat(words.detail(step(StepKind.DELIVERY_FAILED, "NO_REACHABLE_CHANNEL")))
			.isEqualTo("aucun moyen de joindre le client");
		assertThat(words.detail(step(StepKind.REFERRAL_TAKEN, "org-laval"))).isEqualTo("Centre de Laval");
		assertThat(words.detail(step(StepKind.LEFT_QUEUE, "REDIRECTED"))).isEqualTo("Réorienté");
		assertThat(words.detail(step(StepKind.LEFT_QUEUE, "INELIGIBLE:COORDINATOR"))).isEqualTo("Non admissible");
		assertThat(words.detail(step(StepKind.LEFT_QUEUE, "NO_LONGER_NEEDED:CLIENT")))
			.isEqualTo("La personne a indiqué ne plus avoir besoin du service");
		assertThat(english(this.camille).detail(step(StepKind.LEFT_QUEUE, "NO_LONGER_NEEDED:CLIENT")))
			.isEqualTo("The client said they no longer need the service");
	}

	@Test
	void aReferralIsNamedByWhenItWasReceivedAndWhoseItIsNeverByItsId() {
		Names names = this.camille.withPartners(Map.of("clsc-ahuntsic", "CLSC d'Ahuntsic"));
		Words french = french(names);

		assertThat(french.received("clsc-ahuntsic", false, AT))
			.isEqualTo("Demande reçue le 3 décembre 2026, adressée par CLSC d'Ahuntsic");
		assertThat(french.received(null, true, AT)).isEqualTo("Autoréférence reçue le 3 décembre 2026");
		assertThat(french.received(null, false, AT)).isEqualTo("Demande reçue le 3 décembre 2026");
		assertThat(english(names).received("clsc-ahuntsic", false, AT))
			.isEqualTo("Referral received on December 3, 2026, from CLSC d'Ahuntsic");
		QueueView.LinkedReferral onArrival = new QueueView.LinkedReferral("0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11", false,
				AT, null, true, null);
		assertThat(french.received(onArrival) + " — " + french.linkedState(onArrival))
			.isEqualTo("Autoréférence reçue le 3 décembre 2026 — rattachée dès son arrivée (jamais dans la file)");
		assertThat(french
			.linkedState(new QueueView.LinkedReferral("r-2", true, AT, "clsc-ahuntsic", false, QueueStatus.CLOSED)))
			.isEqualTo("rattachée par la coordination (elle a quitté la file)");
	}

	@Test
	void aLinkStepSaysWhoseTheOtherReferralWasNotItsId() {
		Words french = french(this.camille.withPartners(Map.of("clsc-ahuntsic", "CLSC d'Ahuntsic")));
		String id = "0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11";

		assertThat(french.detail(step(StepKind.DUPLICATE_LINKED, id + " clsc-ahuntsic")))
			.isEqualTo("une demande adressée par CLSC d'Ahuntsic");
		assertThat(french.detail(step(StepKind.DUPLICATE_LINKED, id + " " + QueueEntry.SELF_REFERRAL)))
			.isEqualTo("une autoréférence");
		// A step recorded before the referrer was kept, or a coordinator's link.
		assertThat(french.detail(step(StepKind.DUPLICATE_LINKED, id))).isEqualTo("une autre demande");
	}

	@Test
	void everyStepsDetailIsSaidInWordsNeverAsItsCode() {
		Map<StepKind, List<String>> samples = Map.ofEntries(
				Map.entry(StepKind.SUBMITTED, names(IntakeChannel.values())), Map.entry(StepKind.NO_MATCH, NO_MATCH),
				Map.entry(StepKind.WITHDRAWN, names(ReferralWithdrawnV1.WithdrawnBy.values())),
				Map.entry(StepKind.PLACE_RELEASED, names(PlaceReleasedV1.ReleaseReason.values())),
				Map.entry(StepKind.PROPOSAL_CONFIRMED, names(ProposalConfirmedV1.DecidedBy.values())),
				Map.entry(StepKind.PROPOSAL_DECLINED, names(ProposalDeclinedV1.DecidedBy.values())),
				Map.entry(StepKind.LEFT_QUEUE,
						List.of("UNREACHABLE", "INELIGIBLE", "REDIRECTED", "UNREACHABLE:COORDINATOR",
								"NO_LONGER_NEEDED:COORDINATOR", "NO_LONGER_NEEDED:CLIENT")),
				Map.entry(StepKind.REPRIORITISED, names(Priority.values())),
				Map.entry(StepKind.REVIEW_REQUESTED, names(ReviewCause.values())),
				Map.entry(StepKind.DELIVERY_FAILED, List.of("NO_REACHABLE_CHANNEL", "RETRY_DEADLINE_PASSED")),
				Map.entry(StepKind.CLIENT_ANSWERED, answers()));
		for (Words words : List.of(french(this.camille), english(this.camille))) {
			// A code without a label would show as its message key, such as
			// noMatch.NO_FREE_PLACE.
			samples.forEach((kind,
					codes) -> codes.forEach(code -> assertThat(words.detail(step(kind, code))).as(kind + " " + code)
						.isNotBlank()
						.isNotEqualTo(code)
						.doesNotContainPattern("[a-zA-Z]+\\.[A-Z_]+")));
		}
	}

	@Test
	void scoreIsASentenceOfItsParts() {
		ProposalMadeV1.Explanation explanation = new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"),
				Map.of("approach", 0.9, "aging", 0.4), 1.3);

		assertThat(french(this.camille).score(explanation))
			.isEqualTo("Score 1,30, la somme de : temps d'attente 0,40, approche souhaitée 0,90.");
		assertThat(english(this.camille).score(explanation))
			.isEqualTo("Score 1.30, the sum of: time waited 0.40, wanted approach 0.90.");
	}

	@Test
	void videoPlaceOfTheNetworkSaysWhyInWordsAndAnOrdinaryPlaceSaysNothing() {
		Names names = new Names(Map.of(), Map.of("org-laval", "Centre de Laval", "org-montreal-nord", "Montréal-Nord"));
		ProposalMadeV1 pooled = proposal(new ProposalMadeV1.VideoPool("org-montreal-nord", "so", null));

		assertThat(french(names).videoPool(pooled)).isEqualTo("Aucune place en somali dans l'organisme Montréal-Nord ; "
				+ "place en vidéo offerte par Centre de Laval (réseau), au tarif de l'organisme Montréal-Nord.");
		assertThat(english(names).videoPool(pooled)).isEqualTo("No place in Somali at the organization Montréal-Nord; "
				+ "video place offered by Centre de Laval (network), at the fee of the organization Montréal-Nord.");
		assertThat(french(names).videoPool(proposal(null))).isEmpty();
	}

	private static ProposalMadeV1 proposal(ProposalMadeV1.@Nullable VideoPool pool) {
		return new ProposalMadeV1("r-1", "p-1", "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("VIDEO_POOL"), Map.of(), 1.0, null, pool), AT, "Camille", null);
	}

	@Test
	void everyCodeTheConsoleShowsHasALabelInFrenchAndInEnglish() throws IOException {
		List<String> keys = new ArrayList<>();
		keys.addAll(prefixed("status.", names(QueueStatus.values())));
		keys.addAll(prefixed("step.", names(StepKind.values())));
		keys.addAll(prefixed("review.", names(ReviewCause.values())));
		keys.addAll(prefixed("approach.", names(Approach.values())));
		keys.addAll(prefixed("clientele.", names(Clientele.values())));
		keys.addAll(prefixed("modality.", names(Modality.values())));
		keys.addAll(prefixed("priority.", names(Priority.values())));
		keys.addAll(prefixed("feeBand.", names(FeeBand.values())));
		keys.addAll(prefixed("console.waits.by.", names(WaitReport.GroupBy.values())));
		keys.addAll(prefixed("channel.", names(IntakeChannel.values())));
		keys.addAll(prefixed("referrerType.", names(ReferrerType.values())));
		keys.addAll(prefixed("region.", REGIONS));
		keys.addAll(prefixed("withdrawnBy.", names(ReferralWithdrawnV1.WithdrawnBy.values())));
		keys.addAll(prefixed("releaseCause.", names(PlaceReleasedV1.ReleaseReason.values())));
		keys.addAll(prefixed("subject.", names(ClientAnsweredV1.Subject.values())));
		keys.addAll(prefixed("answer.", names(ClientAnsweredV1.Answer.values())));
		keys.addAll(prefixed("decidedBy.", names(ProposalConfirmedV1.DecidedBy.values())));
		keys.addAll(prefixed("decidedBy.", names(ProposalDeclinedV1.DecidedBy.values())));
		keys.addAll(prefixed("constraint.", CONSTRAINTS));
		keys.addAll(prefixed("noMatch.", NO_MATCH));
		keys.addAll(prefixed("score.", SCORE_PARTS));
		for (CoordinatorAction action : CoordinatorAction.values()) {
			keys.addAll(List.of("action." + action.path(), "console.confirm." + action.path(),
					"console.done." + action.path()));
		}
		Properties french = bundle("waitlist-service-messages.properties");
		Properties english = bundle("waitlist-service-messages_en.properties");

		assertThat(keys).allSatisfy(key -> assertThat(french.getProperty(key)).as("French " + key).isNotBlank());
		assertThat(keys).allSatisfy(key -> assertThat(english.getProperty(key)).as("English " + key).isNotBlank());
		assertThat(english.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(french.stringPropertyNames());
	}

	private static List<String> answers() {
		return Arrays.stream(ClientAnsweredV1.Subject.values())
			.flatMap(subject -> Arrays.stream(ClientAnsweredV1.Answer.values())
				.map(answer -> subject.name() + ":" + answer.name()))
			.toList();
	}

	private static Step step(StepKind kind, String detail) {
		return new Step(AT, kind, detail, null);
	}

	private static List<String> names(Enum<?>[] values) {
		return Stream.of(values).map(Enum::name).toList();
	}

	private static List<String> prefixed(String prefix, List<String> codes) {
		return codes.stream().map(code -> prefix + code).toList();
	}

	private Words french(Names names) {
		return new Words(Locale.FRENCH, names, this.messages);
	}

	private Words english(Names names) {
		return new Words(Locale.ENGLISH, names, this.messages);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("waitlist-service-messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = WordsTests.class.getClassLoader().getResourceAsStream(name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}

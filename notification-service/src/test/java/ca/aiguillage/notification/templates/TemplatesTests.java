package ca.aiguillage.notification.templates;

import ca.aiguillage.notification.delivery.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTests {

	private static final String LINK = "https://aiguillage.example.org/r/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";

	private final Templates templates = ShippedTemplates.load();

	@Test
	void referralReceivedIsInFrenchByDefault() {
		RenderedMessage message = render(SampleEvents.submitted("fr", ContactChannel.EMAIL), "fr");

		assertThat(message.language()).isEqualTo("fr");
		assertThat(message.subject()).isEqualTo("Nous avons bien reçu votre demande");
		assertThat(message.body()).startsWith("Bonjour,\n\nNous avons bien reçu votre demande du 20 novembre 2026.")
			.contains("911", "811", "988");
	}

	@Test
	void proposalNamesTheTherapistOrganizationModalityDayTimeFeeAndTheLinkInFrench() {
		RenderedMessage message = render(SampleEvents.proposal(), "fr", "2500");

		assertThat(message.subject()).isEqualTo("Une place vous est proposée");
		assertThat(message.body()).contains(
				"Une place vous est proposée avec Camille, de l'organisme Centre St-Pierre : des rencontres par vidéo, "
						+ "le mardi à 9 h 00. Tarif par séance : 25,00 $.",
				"Pour accepter ou refuser, ouvrez ce lien (il ne sert qu'une fois) :\n" + LINK);
		assertThat(message.sms()).contains("Camille", "Centre St-Pierre", "25,00 $", "OUI", "NON", LINK);
	}

	@Test
	void proposalIsInEnglishForAClientWhoAskedForEnglish() {
		RenderedMessage message = render(SampleEvents.proposal(), "en", "2500");

		assertThat(message.language()).isEqualTo("en");
		assertThat(message.subject()).isEqualTo("A place is offered to you");
		assertThat(message.body()).contains(
				"A place is offered to you with Camille, at Centre St-Pierre: sessions by video, on Tuesdays at 9:00 AM. "
						+ "Fee per session: $25.00.");
	}

	@Test
	void videoPoolProposalSaysWhyThePlaceIsWithAnotherOrganizationAndThatTheFeeIsTheClientsOwnInFrench() {
		RenderedMessage message = render(SampleEvents.videoPoolProposal(), "fr", "2500");

		assertThat(message.body()).contains("Tarif par séance : 25,00 $.\n\nCette place est par vidéo, avec un autre "
				+ "organisme du réseau : aucun psychothérapeute de votre organisme n'avait de place libre en espagnol. "
				+ "Le tarif est celui de votre propre échelle, pas celui de l'autre organisme.");
	}

	@Test
	void videoPoolProposalSaysWhyThePlaceIsWithAnotherOrganizationAndThatTheFeeIsTheClientsOwnInEnglish() {
		RenderedMessage message = render(SampleEvents.videoPoolProposal(), "en", "2500");

		assertThat(message.body()).contains("Fee per session: $25.00.\n\nThis is a video place with another "
				+ "organization of the network: no therapist of your own organization had a free place in Spanish. "
				+ "The fee is your own scale's, not the other organization's.");
	}

	@Test
	void proposalOfTheClientsOwnOrganizationSaysNothingOfTheNetwork() {
		RenderedMessage french = render(SampleEvents.proposal(), "fr", "2500");
		RenderedMessage english = render(SampleEvents.proposal(), "en", "2500");

		assertThat(french.body()).doesNotContain("réseau", "autre organisme");
		assertThat(english.body()).doesNotContain("network", "another organization");
	}

	@Test
	void proposalTellsItsDeadlineInQuebecTimeInFrench() {
		RenderedMessage message = proposal("2026-12-05T22:00:00Z", "fr");

		assertThat(message.sms()).contains("Répondez OUI ou NON avant le 5 décembre, 17 h : " + LINK);
		assertThat(message.body()).contains("Répondez avant le 5 décembre, 17 h : sans réponse, la place sera offerte "
				+ "à une autre personne et votre demande restera sur la liste d'attente.");
	}

	@Test
	void deadlineWithMinutesSaysThemAndAugustStaysInTheSmsAlphabet() {
		assertThat(proposal("2026-12-05T22:30:00Z", "fr").sms()).contains("avant le 5 décembre, 17 h 30 :");
		RenderedMessage august = proposal("2027-08-02T16:00:00Z", "fr");

		assertThat(august.sms()).contains("avant le 2 aout, 12 h :");
		assertThat(SmsSegments.count(august.sms())).isLessThanOrEqualTo(2);
	}

	@Test
	void proposalTellsItsDeadlineInEnglish() {
		assertThat(proposal("2026-12-05T22:00:00Z", "en").sms())
			.contains("Reply YES or NO by December 5, 5:00 PM: " + LINK);
	}

	@Test
	void proposalWithoutAKnownDeadlineAsksForAnAnswerAsSoonAsPossible() {
		assertThat(render(SampleEvents.proposal(), "fr").sms())
			.contains("Répondez OUI ou NON dès que possible : https://");
		assertThat(render(SampleEvents.proposal(), "en").sms())
			.contains("Reply YES or NO as soon as possible: https://");
	}

	@Test
	void proposalsReminderIsNotSentWithTheProposalButIsItsReminder() {
		List<MessageRequest> requests = this.templates.requestsFor("event-1", SampleEvents.proposal());

		assertThat(requests).extracting(MessageRequest::template)
			.containsExactlyInAnyOrder("proposal-made", "referrer-proposed");
		MessageRequest client = requests.stream()
			.filter(request -> request.audience() == Audience.CLIENT)
			.findFirst()
			.orElseThrow();
		assertThat(this.templates.reminderOf(client)).contains("proposal-reminder");
	}

	@Test
	void proposalWithoutAScaleSaysTheOrganizationSetsTheFee() {
		assertThat(render(SampleEvents.proposal(), "fr", "NONE").body())
			.contains("Tarif par séance : selon l'échelle de l'organisme.");
	}

	@Test
	void languageWithoutTemplatesFallsBackToFrench() {
		RenderedMessage message = render(SampleEvents.proposal(), "es", "2500");

		assertThat(message.language()).isEqualTo("fr");
		assertThat(message.subject()).isEqualTo("Une place vous est proposée");
	}

	@Test
	void waitlistedTellsTheClientTheyAreStillOnTheListAndWillHearAgain() {
		RenderedMessage message = render(SampleEvents.waitlisted(), "en");

		assertThat(message.subject()).isEqualTo("Your request is on the waiting list");
		assertThat(message.body()).contains("Your request of November 20, 2026 is still on the waiting list",
				"we will write to you again as soon as a place is offered to you");
	}

	@Test
	void crisisRedirectionGivesEveryCrisisResourceInBothLanguages() {
		for (String language : List.of("fr", "en")) {
			RenderedMessage message = render(SampleEvents.redirected(), language);

			assertThat(message.body()).contains("911", "811", "988", "1 866 APPELLE");
			assertThat(message.sms()).contains("911", "811", "988", "1 866 APPELLE");
		}
	}

	@Test
	void dateIsTheDayItWasInMontreal() {
		// 02:30 UTC on November 21 is still the evening of November 20 in Montreal.
		WaitlistedV1 lateEvening = new WaitlistedV1(SampleEvents.REFERRAL, Instant.parse("2026-11-21T02:30:00Z"),
				Instant.parse("2026-11-21T02:30:01Z"));

		assertThat(render(lateEvening, "fr").body()).contains("Votre demande du 20 novembre 2026");
	}

	@Test
	void everyClientTextMessageFitsInTwoSegmentsInEveryLanguageWithTheLongestFacts() {
		for (String template : List.of("referral-received", "proposal-made", "waitlisted", "proposal-confirmed",
				"proposal-expired", "check-in", "crisis-redirected", "referral-withdrawn", "availability-check")) {
			for (String language : List.of("fr", "en")) {
				String sms = this.templates.preview(template, language).orElseThrow().sms();

				assertThat(sms).as(template + " in " + language).isNotBlank();
				assertThat(SmsSegments.count(sms)).as(template + " in " + language + ": " + sms).isLessThanOrEqualTo(2);
			}
		}
		String longProposal = render(SampleEvents.proposal(), "fr", "12000").sms();
		assertThat(SmsSegments.count(longProposal)).isLessThanOrEqualTo(2);
	}

	@Test
	void everyTemplateRendersWithoutALeftOverPlaceholderInEveryLanguage() {
		for (Object event : new Object[] { SampleEvents.submitted("fr"), SampleEvents.proposal(),
				SampleEvents.waitlisted(), SampleEvents.redirected(), SampleEvents.checkIn() }) {
			for (String language : new String[] { "fr", "en" }) {
				for (MessageRequest request : this.templates.requestsFor("event-1", event)) {
					RenderedMessage message = this.templates.render(request.template(), language,
							request.withFacts(Map.of("fee", "2500", "answerLink", LINK))
								.withFacts(forecast(CAPACITY))
								.facts());
					assertThat(message.subject() + message.body() + message.sms()).doesNotContain("{", "}");
				}
			}
		}
	}

	@Test
	void headOfLineCheckInAsksWhetherTheClientIsStillAvailableInBothLanguages() {
		RenderedMessage french = render(SampleEvents.headOfLineCheckIn(), "fr");
		RenderedMessage english = render(SampleEvents.headOfLineCheckIn(), "en");

		assertThat(french.subject()).isEqualTo("Êtes-vous toujours disponible ?");
		assertThat(french.sms()).contains("toujours disponible ?", "Répondez OUI ou NON", LINK);
		assertThat(french.body()).contains("Une place pourrait bientôt vous être proposée", "27 décembre 2026", LINK)
			.doesNotContain("encore besoin");
		assertThat(english.subject()).isEqualTo("Are you still available?");
		assertThat(english.sms()).contains("still available?", "Reply YES or NO", LINK);
	}

	@Test
	void regularCheckInStillAsksWhetherTheClientStillNeedsTheService() {
		assertThat(this.templates.requestsFor("event-1", SampleEvents.checkIn())).extracting(MessageRequest::template)
			.containsExactly("check-in");
		assertThat(this.templates.requestsFor("event-1", SampleEvents.intervalCheckIn()))
			.extracting(MessageRequest::template)
			.containsExactly("check-in");
		assertThat(this.templates.requestsFor("event-1", SampleEvents.headOfLineCheckIn()))
			.extracting(MessageRequest::template)
			.containsExactly("availability-check");
	}

	@Test
	void selfReferralsAcknowledgementAsksToConfirmTheDestinationInBothLanguagesInsteadOfThePlainOne() {
		MessageRequest plain = this.templates
			.requestsFor("event-1", SampleEvents.selfReferred("fr", ContactChannel.SMS))
			.getFirst();
		MessageRequest asking = plain.withTemplate(this.templates.forSelfReferral(plain).orElseThrow())
			.withFacts(Map.of("confirmLink", LINK));

		RenderedMessage french = this.templates.render(asking.template(), "fr", asking.facts());
		RenderedMessage english = this.templates.render(asking.template(), "en", asking.facts());

		assertThat(plain.template()).isEqualTo("referral-received");
		assertThat(french.subject()).isEqualTo("Nous avons bien reçu votre demande : confirmez votre adresse");
		assertThat(french.body()).contains("20 novembre 2026", LINK, "911");
		assertThat(french.sms()).contains("confirmez-le : " + LINK, "988");
		assertThat(english.subject()).isEqualTo("We have received your request: confirm your address");
		assertThat(english.sms()).contains("confirm it: " + LINK, "988");
		assertThat(this.templates
			.forSelfReferral(this.templates.requestsFor("event-2", SampleEvents.waitlisted()).getFirst())).isEmpty();
	}

	@Test
	void eventNoOneMustHearAboutCallsForNoMessage() {
		assertThat(this.templates.requestsFor("event-1", SampleEvents.noMatch())).isEmpty();
	}

	@Test
	void emailHtmlSaysWhatThePlainTextSaysWithTheLinkClickable() {
		RenderedMessage message = render(SampleEvents.proposal(), "fr", "2500");

		String html = EmailHtml.of("fr", message.subject(), message.body());

		assertThat(html).startsWith("<!DOCTYPE html><html lang=\"fr\">")
			.contains("<a href=\"" + LINK + "\">" + LINK + "</a>", "Une place vous est proposée avec Camille")
			.doesNotContain("{");
	}

	@Test
	void waitlistedGivesTheLikelyStartAsARangeWithItsBasisInFrench() {
		RenderedMessage message = render(SampleEvents.waitlisted(), "fr", "NONE", CAPACITY);

		assertThat(message.body()).contains("Début probable : entre le 10 janvier et le 20 février 2027 "
				+ "(7 personnes avant vous, selon les places des psychothérapeutes et la durée habituelle des suivis).");
		assertThat(message.sms()).contains("Début probable : entre le 10 janvier et le 20 février 2027.")
			.doesNotContain("psychothérapeutes");
	}

	@Test
	void waitlistedGivesTheLikelyStartAsARangeWithItsBasisInEnglish() {
		RenderedMessage message = render(SampleEvents.waitlisted(), "en", "NONE", CAPACITY);

		assertThat(message.body()).contains("Likely start: between January 10 and February 20, 2027 "
				+ "(7 people ahead of you, based on therapists' places and how long therapies usually last).");
	}

	@Test
	void eachForecastMethodHasItsOwnBasisSentence() {
		assertThat(render(SampleEvents.checkIn(), "en", "NONE", "2027-12-15/2028-02-01/OBSERVED_STARTS/1").body())
			.contains("Likely start: between December 15, 2027 and February 1, 2028 "
					+ "(1 person ahead of you, based on how many therapies started in recent months).");
		assertThat(render(SampleEvents.checkIn(), "fr", "NONE", "2027-03-01/2027-03-01/NO_RECENT_STARTS/0").body())
			.contains("Début probable : vers le 1 mars 2027 (aucune personne avant vous, selon les places des "
					+ "psychothérapeutes seulement, aucun suivi n'ayant commencé récemment).");
		assertThat(render(SampleEvents.checkIn(), "fr", "NONE", "2027-03-01/2027-04-15/SOMETHING_NEW/").body())
			.contains("Début probable : entre le 1 mars et le 15 avril 2027.");
	}

	@Test
	void withoutAForecastTheClientReadsThatNoEstimateIsAvailableYet() {
		RenderedMessage french = render(SampleEvents.waitlisted(), "fr", "NONE", "NONE");
		RenderedMessage english = render(SampleEvents.checkIn(), "en", "NONE", "NONE");

		assertThat(french.body())
			.contains("Aucune estimation de la date de début de votre suivi n'est encore disponible.");
		assertThat(french.sms()).contains("Date de début : pas encore d'estimation.");
		assertThat(english.body()).contains("No estimate of when your therapy may start is available yet.");
		assertThat(english.sms()).contains("Start date: no estimate yet.");
	}

	@Test
	void textMessageSpellsAugustWithoutACircumflexToStayInTheGsmAlphabet() {
		RenderedMessage message = render(SampleEvents.waitlisted(), "fr", "NONE", "2027-08-02/2027-08-30/CAPACITY/3");

		assertThat(message.body()).contains("entre le 2 août et le 30 août 2027");
		assertThat(message.sms()).contains("entre le 2 aout et le 30 aout 2027").doesNotContain("û");
	}

	private static final String CAPACITY = "2027-01-10/2027-02-20/CAPACITY/7";

	private static Map<String, String> forecast(String fact) {
		return Map.of("likelyStart", fact, "likelyRange", fact);
	}

	private RenderedMessage proposal(String answerBy, String language) {
		return this.templates.render("proposal-made", language,
				this.templates.requestsFor("event-1", SampleEvents.proposal())
					.get(0)
					.withFacts(Map.of("fee", "2500", "answerLink", LINK, "answerDeadline", answerBy))
					.facts());
	}

	private RenderedMessage render(Object event, String language) {
		return render(event, language, "NONE");
	}

	private RenderedMessage render(Object event, String language, String fee) {
		return render(event, language, fee, "NONE");
	}

	private RenderedMessage render(Object event, String language, String fee, String forecast) {
		MessageRequest request = this.templates.requestsFor("event-1", event)
			.stream()
			.filter(candidate -> candidate.audience() == Audience.CLIENT)
			.findFirst()
			.orElseThrow();
		return this.templates.render(request.template(), language,
				request.withFacts(Map.of("fee", fee, "answerLink", LINK)).withFacts(forecast(forecast)).facts());
	}

}

package ca.aiguillage.notification.delivery;

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
				"proposal-expired", "check-in", "crisis-redirected", "referral-withdrawn")) {
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
							request.withFacts(Map.of("fee", "2500", "answerLink", LINK)).facts());
					assertThat(message.subject() + message.body() + message.sms()).doesNotContain("{", "}");
				}
			}
		}
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

	private RenderedMessage render(Object event, String language) {
		return render(event, language, "NONE");
	}

	private RenderedMessage render(Object event, String language, String fee) {
		MessageRequest request = this.templates.requestsFor("event-1", event).get(0);
		return this.templates.render(request.template(), language,
				request.withFacts(Map.of("fee", fee, "answerLink", LINK)).facts());
	}

}

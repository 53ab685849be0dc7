package ca.aiguillage.notification.delivery;

import java.time.Instant;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTests {

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
	void proposalNamesTheOrganizationModalityDayAndTimeInFrench() {
		RenderedMessage message = render(SampleEvents.proposal(), "fr");

		assertThat(message.subject()).isEqualTo("Une place vous est proposée");
		assertThat(message.body()).contains(
				"L'organisme org-montreal-nord vous propose une place : des rencontres par vidéo, le mardi à 9 h 00.",
				"Nous vous écrirons bientôt pour vous demander si vous acceptez ou refusez cette proposition");
	}

	@Test
	void proposalIsInEnglishForAClientWhoAskedForEnglish() {
		RenderedMessage message = render(SampleEvents.proposal(), "en");

		assertThat(message.language()).isEqualTo("en");
		assertThat(message.subject()).isEqualTo("A place is offered to you");
		assertThat(message.body()).contains(
				"The organization org-montreal-nord offers you a place: sessions by video, on Tuesdays at 9:00 AM.",
				"We will soon write to ask whether you accept or decline this offer");
	}

	@Test
	void languageWithoutTemplatesFallsBackToFrench() {
		RenderedMessage message = render(SampleEvents.proposal(), "es");

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
	void dateIsTheDayItWasInMontreal() {
		// 02:30 UTC on November 21 is still the evening of November 20 in Montreal.
		WaitlistedV1 lateEvening = new WaitlistedV1(SampleEvents.REFERRAL, Instant.parse("2026-11-21T02:30:00Z"),
				Instant.parse("2026-11-21T02:30:01Z"));

		assertThat(render(lateEvening, "fr").body()).contains("Votre demande du 20 novembre 2026");
	}

	@Test
	void everyTemplateRendersWithoutALeftOverPlaceholderInEveryLanguage() {
		for (Object event : new Object[] { SampleEvents.submitted("fr"), SampleEvents.proposal(),
				SampleEvents.waitlisted() }) {
			for (String language : new String[] { "fr", "en" }) {
				RenderedMessage message = render(event, language);
				assertThat(message.subject() + message.body()).doesNotContain("{", "}");
			}
		}
	}

	@Test
	void eventNoClientMustHearAboutCallsForNoMessage() {
		assertThat(this.templates.requestsFor("event-1", SampleEvents.noMatch())).isEmpty();
	}

	private RenderedMessage render(Object event, String language) {
		MessageRequest request = this.templates.requestsFor("event-1", event).get(0);
		return this.templates.render(request.template(), language, request.facts());
	}

}

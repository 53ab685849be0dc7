package ca.aiguillage.notification.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ca.aiguillage.notification.templates.TemplateSettings.EventTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TemplateValidationTests {

	private final ApplicationContextRunner service = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withPropertyValues("spring.config.name=notification-service")
		.withUserConfiguration(TemplatesConfiguration.class);

	@Test
	void serviceStartsWithTheShippedTemplates() {
		this.service.run(context -> assertThat(context).hasNotFailed().hasSingleBean(Templates.class));
	}

	@Test
	void serviceDoesNotStartWhenATemplateOfTheTableHasNoTexts() {
		this.service
			.withPropertyValues("notification.templates.events[0].type=ca.aiguillage.matching.proposal-made.v1",
					"notification.templates.events[0].audience=CLIENT",
					"notification.templates.events[0].template=proposal-accepted")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("proposal-accepted.subject is missing in fr")
				.hasMessageContaining("proposal-accepted.body is missing in en"));
	}

	@Test
	void templateMissingInEnglishIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("en").remove("proposal-made.body");

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("proposal-made.body is missing in en");
	}

	@Test
	void textMessageLongerThanTwoSegmentsIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("fr").setProperty("waitlisted.sms", "Votre demande est toujours là. ".repeat(11));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("waitlisted.sms in fr takes 3 SMS segments, more than 2");
	}

	@Test
	void clientTemplateWithoutATextMessageIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("en").remove("check-in.sms");

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("check-in.sms is missing in en");
	}

	@Test
	void placeholderThatDoesNotExistIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("fr").setProperty("waitlisted.body", "Bonjour {clientName},");

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("waitlisted.body in fr uses {clientName}, which is no placeholder");
	}

	@Test
	void placeholderTheEventDoesNotOfferIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("en").setProperty("referral-received.subject", "Your request to {organization}");

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("referral-received.subject in en uses {organization}, which "
					+ "ca.aiguillage.referral.submitted.v1 does not offer");
	}

	@Test
	void unmatchedBraceIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("fr").setProperty("waitlisted.subject", "Votre demande du {receivedOn");

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("waitlisted.subject in fr has an unmatched brace");
	}

	@Test
	void placeholderALanguageCannotPutIntoWordsIsRefused() {
		Map<String, Properties> texts = ShippedTemplates.texts();
		texts.get("en").remove("modality.VIDEO");
		texts.get("fr").setProperty("format.time", "yyyy");

		assertThatIllegalStateException().isThrownBy(() -> new Templates(ShippedTemplates.settings(), texts))
			.withMessageContaining("{modality} cannot be put into words in en: modality.VIDEO is missing")
			.withMessageContaining("{startTime} cannot be put into words in fr");
	}

	@Test
	void eventTypeOutsideTheContractIsRefused() {
		TemplateSettings settings = withEvent(new EventTemplate("ca.aiguillage.referral.misspelt.v1", Audience.CLIENT,
				"referral-received", false, null, null, null, null));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(settings, ShippedTemplates.texts()))
			.withMessageContaining(
					added() + ": ca.aiguillage.referral.misspelt.v1 is not an event type of the contract");
	}

	@Test
	void secondMessageForTheSameEventAndAudienceIsRefused() {
		TemplateSettings settings = withEvent(new EventTemplate("ca.aiguillage.waitlist.waitlisted.v1", Audience.CLIENT,
				"referral-received", false, null, null, null, null));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(settings, ShippedTemplates.texts()))
			.withMessageContaining(added() + ": ca.aiguillage.waitlist.waitlisted.v1 already has a message for CLIENT");
	}

	@Test
	void unusedTemplateIsCheckedLikeEveryOther() {
		TemplateSettings settings = withEvent(new EventTemplate("ca.aiguillage.referral.withdrawn.v1", Audience.CLIENT,
				"check-in", false, true, null, null, null));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(settings, ShippedTemplates.texts()))
			.withMessageContaining("uses {answerLink}, which ca.aiguillage.referral.withdrawn.v1 does not offer");
	}

	@Test
	void confirmationLinkOutsideASelfReferralsRowIsRefused() {
		TemplateSettings settings = withEvent(new EventTemplate("ca.aiguillage.referral.submitted.v1", Audience.CLIENT,
				"self-referral-received", false, true, null, null, null));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(settings, ShippedTemplates.texts()))
			.withMessageContaining(
					"self-referral-received.sms in fr uses {confirmLink}, which only a selfReferred row may use");
	}

	@Test
	void secondSelfReferralsMessageForTheSameEventAndAudienceIsRefused() {
		TemplateSettings settings = withEvent(new EventTemplate("ca.aiguillage.referral.submitted.v1", Audience.CLIENT,
				"self-referral-received", false, null, true, null, null));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(settings, ShippedTemplates.texts()))
			.withMessageContaining(added() + ": ca.aiguillage.referral.submitted.v1 already has a message for CLIENT");
	}

	@Test
	void triggerOutsideACheckInsTriggersIsRefused() {
		TemplateSettings settings = withEvent(new EventTemplate("ca.aiguillage.waitlist.waitlisted.v1", Audience.CLIENT,
				"waitlisted", false, null, null, null, "HEAD_OF_LINE"));

		assertThatIllegalStateException().isThrownBy(() -> new Templates(settings, ShippedTemplates.texts()))
			.withMessageContaining(
					added() + ": trigger HEAD_OF_LINE is not one of ca.aiguillage.waitlist.check-in-due.v1's");
	}

	/** The index of the row a test adds after the shipped table. */
	private static String added() {
		return "events[" + ShippedTemplates.settings().events().size() + "]";
	}

	@Test
	void listedLanguageWithoutATextsFileIsRefused() {
		TemplateSettings shipped = ShippedTemplates.settings();
		TemplateSettings withSpanish = new TemplateSettings(shipped.bundle(), List.of("fr", "en", "es"),
				shipped.events());

		assertThatIllegalStateException().isThrownBy(() -> Templates.load(withSpanish, new DefaultResourceLoader()))
			.withMessageContaining("no texts in es (templates/messages_es.properties)");
	}

	private static TemplateSettings withEvent(EventTemplate added) {
		TemplateSettings shipped = ShippedTemplates.settings();
		List<EventTemplate> events = new ArrayList<>(shipped.events());
		events.add(added);
		return new TemplateSettings(shipped.bundle(), shipped.languages(), events);
	}

}

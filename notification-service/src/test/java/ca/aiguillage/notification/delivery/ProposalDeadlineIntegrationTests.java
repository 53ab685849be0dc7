package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.stubs.StubbedChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A proposal tells the client its deadline, the one waitlist-service enforces, and
 * reminds them half way there (issue 16).
 */
class ProposalDeadlineIntegrationTests extends RunningNotificationService {

	private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	private static final String FIXTURE_PROPOSED_AT = "\"proposedAt\": \"2026-11-20T14:03:02Z\"";

	private static final String FIXTURE_ORGANIZATION = "\"organizationId\": \"org-montreal-nord\"";

	@AfterEach
	void backToNoon() {
		StubbedChannels.clock().reset();
	}

	@Test
	void proposalTellsTheDeadlineInQuebecTimeByEmailAndSms() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		Instant proposedAt = todayAt(LocalTime.NOON);

		propose(client, proposedAt, newOrganization());

		// Noon, 48 hours later: "avant le 5 décembre, 12 h".
		ZonedDateTime deadline = proposedAt.plus(Duration.ofHours(48)).atZone(QUEBEC);
		String expected = "avant le " + deadline.format(DateTimeFormatter.ofPattern("d MMMM", Locale.FRENCH)) + ", "
				+ deadline.getHour() + " h";
		assertThat(plainText(awaitMail(client.email(), "Une place vous est proposée")))
			.contains("Répondez " + expected + " : sans réponse, la place sera offerte à une autre personne");
		assertThat(awaitSent(client, "proposal-made")).contains("Répondez OUI ou NON " + expected + " : http");
	}

	@Test
	void organizationsOwnWindowGivesTheDeadlineInEnglish() {
		Client client = newClient("en");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				inLanguage(fixture(SUBMITTED, client.referral()), "en"));
		String organization = newOrganization();
		StubbedChannels.forecasts().answerWindow(organization, "PT72H");
		Instant proposedAt = todayAt(LocalTime.of(9, 30));

		propose(client, proposedAt, organization);

		ZonedDateTime deadline = proposedAt.plus(Duration.ofHours(72)).atZone(QUEBEC);
		assertThat(awaitSent(client, "proposal-made")).contains("Reply YES or NO by "
				+ deadline.format(DateTimeFormatter.ofPattern("MMMM d, h:mm a", Locale.ENGLISH)) + ": http");
	}

	@Test
	void reminderFallingInQuietHoursGoesAtEightOnEveryChannel() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		// Half way through 48 hours is 23:00 tonight, inside quiet hours.
		Instant halfWay = todayAt(LocalTime.of(23, 0));
		propose(client, halfWay.minus(Duration.ofHours(24)), newOrganization());

		Instant morning = QuietHours.nextMorning(halfWay);
		List<Map<String, Object>> reminders = await().atMost(ofSeconds(30))
			.until(() -> reminders(client), found -> found.size() == 2);
		assertThat(reminders).extracting(d -> d.get("channel")).containsExactlyInAnyOrder("EMAIL", "SMS");
		assertThat(reminders).allSatisfy(d -> assertThat(d).containsEntry("status", "PENDING")
			.containsEntry("dueAt", morning.toString())
			.containsEntry("reasonCode", "REMINDER"));

		StubbedChannels.clock().advance(Duration.between(StubbedChannels.clock().instant(), morning).plusMinutes(1));

		assertThat(plainText(awaitMail(client.email(), "Rappel : une place vous est proposée")))
			.contains("Rappel : une place vous est proposée avec Camille", "/r/");
		assertThat(awaitSent(client, "proposal-reminder")).startsWith("Aiguillage : rappel, place offerte avec Camille")
			.contains("Répondez OUI ou NON avant le ");
	}

	@Test
	void proposalDecidedBeforeHalfWayCancelsItsReminder() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		propose(client, todayAt(LocalTime.NOON), newOrganization());
		await().atMost(ofSeconds(30)).until(() -> reminders(client), found -> found.size() == 2);

		publish(EventCatalog.PROPOSAL_DECLINED_V1, client.referral(), UUID.randomUUID().toString(),
				replaced(fixture(EventCatalog.PROPOSAL_DECLINED_V1, client.referral()), "\"p-7f3a1c\"",
						"\"5d1e4c1a-3b9e-4b8e-8e0c-2a1f6f1b7c22\""));

		List<Map<String, Object>> cancelled = await().atMost(ofSeconds(30))
			.until(() -> reminders(client),
					found -> found.size() == 2 && found.stream().allMatch(d -> "CANCELLED".equals(d.get("status"))));
		assertThat(cancelled).allSatisfy(d -> assertThat(d).containsEntry("reasonCode", "QUESTION_CLOSED"));
	}

	private void propose(Client client, Instant proposedAt, String organization) {
		String body = replaced(
				replaced(fixture(PROPOSED, client.referral()), FIXTURE_PROPOSED_AT,
						"\"proposedAt\": \"" + proposedAt + "\""),
				FIXTURE_ORGANIZATION, "\"organizationId\": \"" + organization + "\"");
		publish(PROPOSED, client.referral(), UUID.randomUUID().toString(), body);
	}

	private List<Map<String, Object>> reminders(Client client) {
		return deliveries(client.referral()).stream()
			.filter(d -> "proposal-reminder".equals(d.get("template")))
			.toList();
	}

	private String awaitSent(Client client, String template) {
		Map<String, Object> sms = await().atMost(ofSeconds(30))
			.until(() -> deliveries(client.referral()).stream()
				.filter(d -> template.equals(d.get("template")) && "SMS".equals(d.get("channel"))
						&& "SENT".equals(d.get("status")))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		return (String) sms.get("body");
	}

	/** A time of the test clock's day, which starts at noon in Quebec. */
	private static Instant todayAt(LocalTime time) {
		return StubbedChannels.clock().instant().atZone(QUEBEC).with(time).toInstant();
	}

	private static String newOrganization() {
		return "org-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

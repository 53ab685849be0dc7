package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=notification-service")
class NotificationIntegrationTests extends RunningService {

	private static final String FIXTURE_REFERRAL = "0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11";

	private static final String BOTH_CHANNELS = "\"contactChannels\": [\"EMAIL\", \"SMS\"]";

	private static final String DEAD_LETTERS = "error." + Topics.MATCHING_EVENTS + ".notification-service";

	@Autowired
	Aggregates aggregates;

	@Test
	void submittedThenProposedReferralGetsBothMessagesInFrenchOnEveryConsentedChannel() {
		String referral = UUID.randomUUID().toString();

		publish(EventCatalog.REFERRAL_SUBMITTED_V1, referral, UUID.randomUUID().toString(), submitted(referral));
		publish(EventCatalog.PROPOSAL_MADE_V1, referral, UUID.randomUUID().toString(), proposal(referral));

		List<Map<String, Object>> deliveries = awaitDeliveries(referral, 4);
		assertThat(deliveries).extracting(d -> d.get("template"), d -> d.get("channel"), d -> d.get("status"))
			.containsExactly(tuple("referral-received", "EMAIL", "RECORDED"),
					tuple("referral-received", "SMS", "RECORDED"), tuple("proposal-made", "EMAIL", "RECORDED"),
					tuple("proposal-made", "SMS", "RECORDED"));
		assertThat(deliveries).allSatisfy(delivery -> {
			assertThat(delivery).containsEntry("referralId", referral)
				.containsEntry("audience", "CLIENT")
				.containsEntry("language", "fr");
			assertThat(delivery.get("recordedAt")).isNotNull();
		});
		assertThat(deliveries.get(0)).containsEntry("subject", "Nous avons bien reçu votre demande")
			.containsEntry("eventType", EventCatalog.REFERRAL_SUBMITTED_V1.type());
		assertThat(deliveries.get(3)).containsEntry("subject", "Une place vous est proposée");
		assertThat((String) deliveries.get(3).get("body")).contains(
				"L'organisme org-montreal-nord vous propose une place : des rencontres par vidéo, le mardi à 9 h 00.");
	}

	@Test
	void proposalArrivingBeforeItsReferralIsRenderedOnceTheProfileArrives() {
		String referral = UUID.randomUUID().toString();

		publish(EventCatalog.PROPOSAL_MADE_V1, referral, UUID.randomUUID().toString(), proposal(referral));

		await().atMost(ofSeconds(30))
			.until(() -> this.aggregates.find(NotificationCase.class, referral)
				.map(notificationCase -> notificationCase.awaitingRecipient().size())
				.orElse(0) == 1);
		assertThat(deliveries(referral)).isEmpty();

		publish(EventCatalog.REFERRAL_SUBMITTED_V1, referral, UUID.randomUUID().toString(), submitted(referral));

		assertThat(awaitDeliveries(referral, 4)).extracting(d -> d.get("template"), d -> d.get("channel"))
			.containsExactly(tuple("referral-received", "EMAIL"), tuple("referral-received", "SMS"),
					tuple("proposal-made", "EMAIL"), tuple("proposal-made", "SMS"));
	}

	@Test
	void redeliveredEventRecordsNothingNew() {
		String referral = UUID.randomUUID().toString();
		publish(EventCatalog.REFERRAL_SUBMITTED_V1, referral, UUID.randomUUID().toString(), submitted(referral));
		String proposal = UUID.randomUUID().toString();

		publish(EventCatalog.PROPOSAL_MADE_V1, referral, proposal, proposal(referral));
		publish(EventCatalog.PROPOSAL_MADE_V1, referral, proposal, proposal(referral));

		// Same topic and key, so consumed after the duplicate: once it shows, the
		// duplicate was seen.
		String nextProposal = UUID.randomUUID().toString();
		publish(EventCatalog.PROPOSAL_MADE_V1, referral, nextProposal, proposal(referral));
		await().atMost(ofSeconds(30))
			.until(() -> deliveries(referral).stream().anyMatch(d -> nextProposal.equals(d.get("eventId"))));
		List<Map<String, Object>> deliveries = deliveries(referral);
		assertThat(deliveries).filteredOn(d -> proposal.equals(d.get("eventId")))
			.extracting(d -> d.get("channel"))
			.containsExactly("EMAIL", "SMS");
		assertThat(deliveries).hasSize(6);
	}

	@Test
	void clientWithoutConsentedChannelGetsOneUnreachableDeliveryForACoordinator() {
		String referral = UUID.randomUUID().toString();

		publish(EventCatalog.REFERRAL_SUBMITTED_V1, referral, UUID.randomUUID().toString(),
				replaced(submitted(referral), BOTH_CHANNELS, "\"contactChannels\": []"));

		assertThat(awaitDeliveries(referral, 1)).singleElement().satisfies(delivery -> {
			assertThat(delivery).containsEntry("channel", "NONE").containsEntry("status", "UNREACHABLE");
			assertThat(delivery).containsEntry("subject", "Nous avons bien reçu votre demande");
		});
	}

	@Test
	void waitlistedClientWhoAskedForEnglishHearsInEnglish() {
		String referral = UUID.randomUUID().toString();
		publish(EventCatalog.REFERRAL_SUBMITTED_V1, referral, UUID.randomUUID().toString(),
				replaced(
						replaced(submitted(referral), "\"preferredLanguage\": \"fr\"", "\"preferredLanguage\": \"en\""),
						BOTH_CHANNELS, "\"contactChannels\": [\"SMS\"]"));

		publish(EventCatalog.WAITLISTED_V1, referral, UUID.randomUUID().toString(), waitlisted(referral));

		assertThat(awaitDeliveries(referral, 2))
			.extracting(d -> d.get("template"), d -> d.get("channel"), d -> d.get("language"), d -> d.get("subject"))
			.containsExactly(tuple("referral-received", "SMS", "en", "We have received your request"),
					tuple("waitlisted", "SMS", "en", "Your request is on the waiting list"));
	}

	@Test
	void malformedEventGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerCarriesOn() {
		String referral = UUID.randomUUID().toString();
		publish(EventCatalog.REFERRAL_SUBMITTED_V1, referral, UUID.randomUUID().toString(), submitted(referral));
		String bad = UUID.randomUUID().toString();
		publish(EventCatalog.PROPOSAL_MADE_V1, referral, bad, replaced(proposal(referral), "\"slot\"", "\"slots\""));
		String good = UUID.randomUUID().toString();
		publish(EventCatalog.PROPOSAL_MADE_V1, referral, good, proposal(referral));

		WireRecord dead = this.kafka.awaitEvent(DEAD_LETTERS, bad);
		assertThat(dead.key()).isEqualTo(referral);
		assertThat(dead.header("x-exception-message")).contains("violates its schema", "slot");
		await().atMost(ofSeconds(30))
			.until(() -> deliveries(referral).stream().filter(d -> good.equals(d.get("eventId"))).count() == 2);
		assertThat(deliveries(referral)).noneMatch(d -> bad.equals(d.get("eventId")));
	}

	@Test
	void unknownReferralHasNoDeliveries() {
		Http.Answer answer = this.http.get("/api/v1/deliveries?referralId=" + UUID.randomUUID());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<List<Object>>json("$")).isEmpty();
	}

	@Test
	void missingReferralIdGetsAFrenchProblemNamingIt() {
		Http.Answer answer = this.http.get("/api/v1/deliveries");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Requête invalide");
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("referralId");
		assertThat(answer.<List<String>>json("$.errors[*].message")).containsExactly("Ce champ est obligatoire.");
	}

	@Test
	void problemIsInEnglishWhenAskedFor() {
		Http.Answer answer = this.http.get("/api/v1/deliveries?referralId=", "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<String>json("$.title")).isEqualTo("Invalid request");
		assertThat(answer.<List<String>>json("$.errors[*].message")).containsExactly("This field is required.");
	}

	private void publish(EventDefinition<?> definition, String referral, String eventId, String body) {
		this.kafka.send(definition.topic(), referral, body,
				KafkaProbe.cloudEventHeaders(eventId, definition.type(), referral));
	}

	private List<Map<String, Object>> awaitDeliveries(String referral, int count) {
		return await().atMost(ofSeconds(30))
			.until(() -> deliveries(referral), deliveries -> deliveries.size() >= count);
	}

	private List<Map<String, Object>> deliveries(String referral) {
		Http.Answer answer = this.http.get("/api/v1/deliveries?referralId=" + referral);
		assertThat(answer.status()).isEqualTo(200);
		return answer.json("$");
	}

	private static String submitted(String referral) {
		return fixture(EventCatalog.REFERRAL_SUBMITTED_V1, referral);
	}

	private static String proposal(String referral) {
		return fixture(EventCatalog.PROPOSAL_MADE_V1, referral);
	}

	private static String waitlisted(String referral) {
		return fixture(EventCatalog.WAITLISTED_V1, referral);
	}

	/** The contract's own fixture of a type, about another referral. */
	private static String fixture(EventDefinition<?> definition, String referral) {
		String fixture = Fixtures
			.repositoryFile("event-contracts/src/test/resources/fixtures/" + definition.type() + ".json");
		return replaced(fixture, FIXTURE_REFERRAL, referral);
	}

	/**
	 * Replaces text that must be there, so a changed fixture fails loudly instead of
	 * testing nothing.
	 */
	private static String replaced(String json, String from, String to) {
		assertThat(json).contains(from);
		return json.replace(from, to);
	}

}

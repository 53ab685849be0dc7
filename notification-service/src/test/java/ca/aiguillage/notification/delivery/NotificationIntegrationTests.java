package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class NotificationIntegrationTests extends RunningNotificationService {

	private static final String DEAD_LETTERS = "error." + Topics.MATCHING_EVENTS + ".notification-service";

	@Autowired
	Aggregates aggregates;

	@Test
	void videoPoolProposalsEmailSaysWhyThePlaceIsWithAnotherOrganizationOfTheNetwork() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());

		// The contract's fixture is a video place of the network for a Spanish-speaking
		// client.
		publish(PROPOSED, client.referral());

		assertThat(plainText(awaitMail(client.email(), "Une place vous est proposée"))).contains(
				"Cette place est par vidéo, avec un autre organisme du réseau : aucun psychothérapeute de votre "
						+ "organisme n'avait de place libre en espagnol.",
				"Le tarif est celui de votre propre échelle, pas celui de l'autre organisme.");
	}

	@Test
	void proposalOfTheClientsOwnOrganizationSaysNothingOfTheNetwork() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		String fixture = fixture(PROPOSED, client.referral());
		String ownOrganization = fixture.replaceFirst(",\\s*\"videoPool\":\\s*\\{[^{}]*\\{[^{}]*\\}\\s*\\}", "");
		assertThat(ownOrganization).isNotEqualTo(fixture).doesNotContain("videoPool");

		publish(PROPOSED, client.referral(), UUID.randomUUID().toString(), ownOrganization);

		assertThat(plainText(awaitMail(client.email(), "Une place vous est proposée"))).contains("Tarif par séance")
			.doesNotContain("réseau", "autre organisme");
	}

	@Test
	void submittedThenProposedReferralGetsBothMessagesInFrenchOnEveryConsentedChannelAndTheReferrerIsTold() {
		Client client = newClient("fr");

		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());

		List<Map<String, Object>> deliveries = awaitFinished(client.referral(), 6);
		assertThat(deliveries).extracting(d -> d.get("template"), d -> d.get("audience"), d -> d.get("channel"))
			.containsExactlyInAnyOrder(tuple("referral-received", "CLIENT", "EMAIL"),
					tuple("referral-received", "CLIENT", "SMS"), tuple("referrer-received", "REFERRER", "WEBHOOK"),
					tuple("proposal-made", "CLIENT", "EMAIL"), tuple("proposal-made", "CLIENT", "SMS"),
					tuple("referrer-proposed", "REFERRER", "WEBHOOK"));
		assertThat(deliveries).filteredOn(d -> "CLIENT".equals(d.get("audience"))).allSatisfy(delivery -> {
			assertThat(delivery).containsEntry("referralId", client.referral())
				.containsEntry("language", "fr")
				.containsEntry("status", "SENT");
			assertThat(delivery.get("recordedAt")).isNotNull();
		});
		Map<String, Object> proposalEmail = deliveries.stream()
			.filter(d -> "proposal-made".equals(d.get("template")) && "EMAIL".equals(d.get("channel")))
			.findFirst()
			.orElseThrow();
		assertThat(proposalEmail).containsEntry("subject", "Une place vous est proposée");
		assertThat((String) proposalEmail.get("body")).contains(
				"Une place vous est proposée avec Camille, de l'organisme Centre St-Pierre : des rencontres par vidéo, "
						+ "le mardi à 9 h 00. Tarif par séance : 25,00 $.");
	}

	@Test
	void messagesTakenUpAtOnceWriteTheirCaseOnlyToClaimThemAndToRecordHowTheyWent() {
		Client client = newClient("fr");
		AtomicInteger writes = new AtomicInteger();
		this.aggregates.afterSave(NotificationCase.class, known -> {
			if (known.getId().equals(client.referral())) {
				writes.incrementAndGet();
			}
		});

		publish(SUBMITTED, client.referral());

		int messages = awaitFinished(client.referral(), 3).size();
		// The case made, at most one claim and one outcome a message: a start written
		// between claim and send would make it three a message.
		await().during(ofSeconds(1))
			.atMost(ofSeconds(5))
			.untilAsserted(() -> assertThat(writes.get()).isBetween(2 + messages, 1 + 2 * messages));
	}

	@Test
	void deliveryLogShowsEachAttemptWithMaskedContactsOnly() {
		Client client = newClient("fr");

		publish(SUBMITTED, client.referral());

		List<Map<String, Object>> deliveries = awaitFinished(client.referral(), 3);
		Map<String, Object> email = channel(deliveries, "EMAIL");
		Map<String, Object> sms = channel(deliveries, "SMS");
		assertThat(email.get("address")).isEqualTo("c•••@exemple.ca");
		assertThat((String) sms.get("address")).startsWith("+1 514 •••-••").hasSize(15);
		assertThat(email.get("attempts")).asList().singleElement().asString().contains("outcome=OK");
		String log = this.http.get("/api/v1/deliveries?referralId=" + client.referral()).body();
		assertThat(log).doesNotContain(client.email(), client.mobile(), client.mobile().substring(2));
	}

	@Test
	void proposalArrivingBeforeItsReferralIsRenderedOnceTheProfileArrives() {
		Client client = newClient("fr");

		publish(PROPOSED, client.referral());

		await().atMost(ofSeconds(30))
			.until(() -> this.aggregates.find(NotificationCase.class, client.referral())
				.map(notificationCase -> notificationCase.awaitingRecipient().size())
				.orElse(0) == 2);
		assertThat(deliveries(client.referral())).isEmpty();

		publish(SUBMITTED, client.referral());

		assertThat(awaitDeliveries(client.referral(), 6)).filteredOn(d -> "CLIENT".equals(d.get("audience")))
			.extracting(d -> d.get("template"), d -> d.get("channel"))
			.containsExactly(tuple("referral-received", "EMAIL"), tuple("referral-received", "SMS"),
					tuple("proposal-made", "EMAIL"), tuple("proposal-made", "SMS"));
	}

	@Test
	void clientWithoutConsentedChannelIsFlaggedNoReachableChannelOnTheWire() {
		Client client = newClient("fr");

		String submitted = publishSubmittedWith(client, "[]");

		assertThat(awaitDeliveries(client.referral(), 1)).filteredOn(d -> "CLIENT".equals(d.get("audience")))
			.singleElement()
			.satisfies(delivery -> {
				assertThat(delivery).containsEntry("channel", "NONE")
					.containsEntry("status", "UNREACHABLE")
					.containsEntry("reasonCode", "NO_REACHABLE_CHANNEL")
					.containsEntry("eventId", submitted);
				assertThat(delivery).containsEntry("subject", "Nous avons bien reçu votre demande");
			});
		WireRecord flagged = await().atMost(ofSeconds(30))
			.until(() -> notificationEvents(client.referral()).stream()
				.filter(r -> r.value().contains("NO_REACHABLE_CHANNEL"))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(flagged.header("ce_type")).isEqualTo(EventCatalog.DELIVERY_RECORDED_V1.type());
		assertThat(flagged.value()).contains("\"outcome\":\"FAILED\"", "\"audience\":\"CLIENT\"");
		assertThat(mailTo(client.email())).isEmpty();
	}

	@Test
	void waitlistedClientWhoAskedForEnglishHearsInEnglish() {
		Client client = newClient("en");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				withChannels(inLanguage(fixture(SUBMITTED, client.referral()), "en"), "[\"SMS\"]"));

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		assertThat(awaitDeliveries(client.referral(), 4)).filteredOn(d -> "CLIENT".equals(d.get("audience")))
			.extracting(d -> d.get("template"), d -> d.get("channel"), d -> d.get("language"), d -> d.get("subject"))
			.containsExactly(tuple("referral-received", "SMS", "en", "We have received your request"),
					tuple("waitlisted", "SMS", "en", "Your request is on the waiting list"));
	}

	@Test
	void sentAndFailedDeliveriesArePublishedWithoutAnyContactDetail() {
		Client client = newClient("fr");

		publish(SUBMITTED, client.referral());

		List<WireRecord> recorded = await().atMost(ofSeconds(30))
			.until(() -> notificationEvents(client.referral()), records -> records.size() >= 3);
		assertThat(recorded).allSatisfy(record -> {
			assertThat(record.header("ce_type")).isEqualTo(EventCatalog.DELIVERY_RECORDED_V1.type());
			assertThat(record.value()).doesNotContain(client.email(), client.mobile(), "exemple.ca");
		});
		assertThat(recorded).extracting(WireRecord::value)
			.anySatisfy(value -> assertThat(value).contains("\"channel\":\"EMAIL\"", "\"outcome\":\"SENT\""));
	}

	@Test
	void malformedEventGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerCarriesOn() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		String bad = UUID.randomUUID().toString();
		publish(PROPOSED, client.referral(), bad,
				replaced(fixture(PROPOSED, client.referral()), "\"slot\"", "\"slots\""));
		String good = UUID.randomUUID().toString();
		publish(PROPOSED, client.referral(), good, fixture(PROPOSED, client.referral()));

		WireRecord dead = this.kafka.awaitEvent(DEAD_LETTERS, bad);
		assertThat(dead.key()).isEqualTo(client.referral());
		assertThat(dead.header("x-exception-message")).contains("violates its schema", "slot");
		await().atMost(ofSeconds(30))
			.until(() -> deliveries(client.referral()).stream()
				.filter(d -> good.equals(d.get("eventId")))
				.count() == 3);
		assertThat(deliveries(client.referral())).noneMatch(d -> bad.equals(d.get("eventId")));
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

	@Test
	void administratorPreviewsATemplateInEachLanguage() {
		Http.Answer french = this.http.get("/api/v1/templates/proposal-made/preview");
		Http.Answer english = this.http.get("/api/v1/templates/proposal-made/preview?lang=en");

		assertThat(french.status()).isEqualTo(200);
		assertThat(french.<String>json("$.subject")).isEqualTo("Une place vous est proposée");
		assertThat(french.<String>json("$.html")).startsWith("<!DOCTYPE html><html lang=\"fr\">").contains("<a href=");
		assertThat(french.<Integer>json("$.smsSegments")).isBetween(1, 2);
		assertThat(english.<String>json("$.language")).isEqualTo("en");
		assertThat(english.<String>json("$.sms")).contains("Reply YES or NO");
	}

	@Test
	void previewOfAnUnknownTemplateIsANotFoundProblem() {
		Http.Answer answer = this.http.get("/api/v1/templates/no-such-template/preview?lang=en", "Accept-Language",
				"en");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
	}

	private String publishSubmittedWith(Client client, String channels) {
		String eventId = UUID.randomUUID().toString();
		publish(SUBMITTED, client.referral(), eventId, withChannels(fixture(SUBMITTED, client.referral()), channels));
		return eventId;
	}

	private static Map<String, Object> channel(List<Map<String, Object>> deliveries, String channel) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && channel.equals(d.get("channel")))
			.findFirst()
			.orElseThrow();
	}

}

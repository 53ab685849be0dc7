package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.SmsSegments;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.channels.TwilioSignatures;
import ca.aiguillage.notification.channels.WebhookChannel;
import ca.aiguillage.notification.stubs.SmsProviderStub;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.notification.stubs.WebhookStub;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChannelsIntegrationTests extends RunningNotificationService {

	@Value("${local.server.port}")
	int port;

	@Test
	void submittedReferralSendsOneFrenchEmailWithPlainTextAndHtmlAfterFetchingTheContactWithTheServiceToken()
			throws Exception {
		Client client = newClient("fr");
		int lookupsBefore = StubbedChannels.contacts().authorizedCalls();

		publish(SUBMITTED, client.referral());

		MimeMessage email = await().atMost(ofSeconds(30))
			.until(() -> mailTo(client.email()), mails -> mails.size() == 1)
			.get(0);
		assertThat(email.getSubject()).isEqualTo("Nous avons bien reçu votre demande");
		MimeMultipart alternatives = alternatives(email);
		assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
		assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat((String) alternatives.getBodyPart(0).getContent())
			.contains("Nous avons bien reçu votre demande du 20 novembre 2026");
		assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
		assertThat((String) alternatives.getBodyPart(1).getContent()).contains("<html lang=\"fr\">");
		assertThat(StubbedChannels.contacts().authorizedCalls()).isGreaterThan(lookupsBefore);
	}

	@Test
	void eventDeliveredTwiceSendsExactlyOneEmail() {
		Client client = newClient("fr");
		String submitted = UUID.randomUUID().toString();

		publish(SUBMITTED, client.referral(), submitted, fixture(SUBMITTED, client.referral()));
		publish(SUBMITTED, client.referral(), submitted, fixture(SUBMITTED, client.referral()));
		// Same topic and key, so consumed after the duplicate: once its email is there,
		// the duplicate was seen.
		publish(EventCatalog.REFERRAL_WITHDRAWN_V1, client.referral());

		await().atMost(ofSeconds(30)).until(() -> subjects(client.email()).contains("Votre demande est fermée"));
		awaitFinished(client.referral(), 6);
		assertThat(subjects(client.email())).containsExactlyInAnyOrder("Nous avons bien reçu votre demande",
				"Votre demande est fermée");
	}

	@Test
	void clientReferralServiceDoesNotKnowFailsWithContactUnknownAndNothingIsSent() {
		String referral = UUID.randomUUID().toString();

		publish(SUBMITTED, referral);

		assertThat(awaitFinished(referral, 3)).filteredOn(d -> "CLIENT".equals(d.get("audience")))
			.hasSize(2)
			.allSatisfy(delivery -> assertThat(delivery).containsEntry("status", "FAILED")
				.containsEntry("reasonCode", "CONTACT_UNKNOWN"));
	}

	@Test
	void textMessagesGoThroughTheProviderInAtMostTwoSegments() {
		Client client = newClient("fr");

		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());

		List<SmsProviderStub.Sms> sent = await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.sms().sentTo(client.mobile()), messages -> messages.size() == 2);
		assertThat(sent).allSatisfy(sms -> {
			assertThat(sms.from()).isEqualTo("+15145550000");
			assertThat(SmsSegments.count(sms.body())).as(sms.body()).isLessThanOrEqualTo(2);
		});
		assertThat(sent.get(1).body()).contains("Camille", "OUI", "NON", "/r/");
	}

	@Test
	void providerRefusingTheNumberFailsTheTextMessageAtOnceWithTheProvidersReason() {
		Client client = newClient("fr");
		StubbedChannels.sms().invalidNumber(client.mobile());

		publish(SUBMITTED, client.referral());

		Map<String, Object> sms = clientDelivery(awaitFinished(client.referral(), 3), "SMS");
		assertThat(sms).containsEntry("status", "FAILED");
		assertThat((String) sms.get("reasonCode")).startsWith("SMS_400 21211")
			.contains("is not a valid phone number")
			.doesNotContain(client.mobile().substring(2));
		assertThat((List<?>) sms.get("attempts")).hasSize(1);
		assertThat(clientDelivery(deliveries(client.referral()), "EMAIL")).containsEntry("status", "SENT");
	}

	@Test
	void providerOutageIsRetriedWithBackOffUntilTheMessageGoes() {
		Client client = newClient("fr");
		StubbedChannels.sms().outageFor(client.mobile(), 2);

		publish(SUBMITTED, client.referral());

		Map<String, Object> sms = clientDelivery(awaitFinished(client.referral(), 3), "SMS");
		assertThat(sms).containsEntry("status", "SENT");
		assertThat((List<Map<String, Object>>) sms.get("attempts")).extracting(attempt -> attempt.get("outcome"))
			.containsExactly("SMS_503 20500 Service unavailable", "SMS_503 20500 Service unavailable", "OK");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
	}

	@Test
	void providerThatAnswersAfterTheReadTimeoutGetsTheTextMessageExactlyOnce() {
		Client client = newClient("fr");
		StubbedChannels.sms().answerLateFor(client.mobile(), 7_000);

		publish(SUBMITTED, client.referral());

		Map<String, Object> sms = clientDelivery(awaitFinished(client.referral(), 3), "SMS");
		assertThat(sms).containsEntry("status", "SENT");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
	}

	@Test
	void providerThatTakesTheMessageAndAnswersAfterElevenSecondsGetsItExactlyOnceWithoutItsIdempotency() {
		Client client = newClient("fr");
		StubbedChannels.sms().ignoreIdempotencyTokenFor(client.mobile());
		StubbedChannels.sms().answerLateFor(client.mobile(), 11_000);

		publish(SUBMITTED, client.referral());

		Map<String, Object> sms = clientDelivery(awaitFinished(client.referral(), 3), "SMS");
		assertThat(sms).containsEntry("status", "SENT");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
		assertThat(StubbedChannels.sms().requestsTo(client.mobile())).isEqualTo(1);
	}

	@Test
	void providerThatTakesTheMessageAndAnswersA500GetsItExactlyOnceWithoutItsIdempotency() {
		Client client = newClient("fr");
		StubbedChannels.sms().ignoreIdempotencyTokenFor(client.mobile());
		StubbedChannels.sms().failAfterTakingFor(client.mobile());

		publish(SUBMITTED, client.referral());

		Map<String, Object> sms = clientDelivery(awaitFinished(client.referral(), 3), "SMS");
		assertThat(sms).containsEntry("status", "SENT");
		assertThat((List<Map<String, Object>>) sms.get("attempts")).extracting(attempt -> attempt.get("outcome"))
			.containsExactly("SMS_500 20500 Internal error", "OK");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
	}

	@Test
	void stopReplyUnsubscribesTheNumberFromEveryLaterTextMessage() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		awaitFinished(client.referral(), 3);

		assertThat(reply(client.mobile(), "Arrêt", true)).isEqualTo(200);
		publish(EventCatalog.WAITLISTED_V1, client.referral());

		List<Map<String, Object>> deliveries = awaitFinished(client.referral(), 6);
		assertThat(deliveries).filteredOn(d -> "waitlisted".equals(d.get("template")) && "SMS".equals(d.get("channel")))
			.singleElement()
			.satisfies(
					sms -> assertThat(sms).containsEntry("status", "FAILED").containsEntry("reasonCode", "OPTED_OUT"));
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
		assertThat(subjects(client.email())).contains("Votre demande est sur la liste d'attente");
	}

	@Test
	void ouiReplyAcceptsTheOpenProposalForWaitlistServiceToDecide() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());
		awaitFinished(client.referral(), 6);

		assertThat(reply(client.mobile(), " oui ", true)).isEqualTo(200);

		WireRecord answered = awaitNotificationEvent(client.referral(), EventCatalog.CLIENT_ANSWERED_V1.type());
		assertThat(answered.value())
			.contains("\"subject\":\"PROPOSAL\"", "\"subjectId\":\"5d1e4c1a-3b9e-4b8e-8e0c-2a1f6f1b7c22\"",
					"\"answer\":\"ACCEPT\"", "\"channel\":\"SMS\"")
			.doesNotContain(client.mobile());
	}

	@Test
	void replyWithoutTheProvidersSignatureIsRefused() throws Exception {
		assertThat(reply("+15145550199", "STOP", false)).isEqualTo(403);
	}

	@Test
	void partnerRegistersItsEndpointAndGetsEveryStatusChangeSignedWithoutPersonalData() {
		String partner = "partner-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = register(partner, partner);
		Client client = newClient("fr");

		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				replaced(fixture(SUBMITTED, client.referral()), "clsc-ahuntsic", partner));
		publish(EventCatalog.WAITLISTED_V1, client.referral());

		List<WebhookStub.Call> calls = await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.webhooks().callsTo(partner), received -> received.size() == 2);
		assertThat(calls).allSatisfy(call -> {
			assertThat(call.signature())
				.isEqualTo(WebhookChannel.signature(secret, call.id(), call.timestamp(), call.body()));
			assertThat(call.body()).contains("\"referralId\":\"" + client.referral() + "\"")
				.doesNotContain(client.email(), client.mobile(), "Alex");
		});
		assertThat(calls).extracting(WebhookStub.Call::body)
			.anySatisfy(body -> assertThat(body).contains("\"status\":\"received\"", "Référence reçue"))
			.anySatisfy(body -> assertThat(body).contains("\"status\":\"waitlisted\""));
	}

	@Test
	void partnerLearnsByWebhookWhichFieldsOfItsInboundReferralBrokeWhichRule() {
		String partner = "partner-" + UUID.randomUUID().toString().substring(0, 8);
		register(partner, partner);
		String reference = "REF-" + UUID.randomUUID().toString().substring(0, 8);
		String rejected = Fixtures
			.repositoryFile("event-contracts/src/test/resources/fixtures/"
					+ EventCatalog.INBOUND_REFERRAL_REJECTED_V1.type() + ".json")
			.replace("clsc-ahuntsic", partner)
			.replace("CLSC-AH-2026-00042", reference);

		publish(EventCatalog.INBOUND_REFERRAL_REJECTED_V1, reference, UUID.randomUUID().toString(), rejected);

		WebhookStub.Call call = await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.webhooks().callsTo(partner), calls -> calls.size() == 1)
			.get(0);
		assertThat(call.body())
			.contains("\"status\":\"inbound-rejected\"", "\"partnerReference\":\"" + reference + "\"",
					"\"field\":\"client.dateOfBirth\"", "\"code\":\"FUTURE_DATE\"")
			.doesNotContain("referralId");
	}

	@Test
	void slowPartnerEndpointHoldsUpNoOtherDelivery() {
		String slow = "slow-" + UUID.randomUUID().toString().substring(0, 8);
		String quick = "quick-" + UUID.randomUUID().toString().substring(0, 8);
		register(slow, slow);
		register(quick, quick);
		StubbedChannels.webhooks().slow(slow, 6_000);
		Client slowClient = newClient("fr");
		Client quickClient = newClient("fr");

		publish(SUBMITTED, slowClient.referral(), UUID.randomUUID().toString(),
				replaced(fixture(SUBMITTED, slowClient.referral()), "clsc-ahuntsic", slow));
		publish(SUBMITTED, quickClient.referral(), UUID.randomUUID().toString(),
				replaced(fixture(SUBMITTED, quickClient.referral()), "clsc-ahuntsic", quick));

		await().atMost(ofSeconds(5))
			.until(() -> !StubbedChannels.webhooks().callsTo(quick).isEmpty() && mailTo(quickClient.email()).size() == 1
					&& mailTo(slowClient.email()).size() == 1);
		assertThat(StubbedChannels.webhooks().callsTo(slow)).isEmpty();
		await().atMost(ofSeconds(30)).until(() -> StubbedChannels.webhooks().callsTo(slow).size() == 1);
	}

	@Test
	void partnerWithoutARegisteredEndpointIsRecordedAsNotReachable() {
		Client client = newClient("fr");

		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				replaced(fixture(SUBMITTED, client.referral()), "clsc-ahuntsic", "partner-without-webhook"));

		assertThat(awaitFinished(client.referral(), 3)).filteredOn(d -> "REFERRER".equals(d.get("audience")))
			.singleElement()
			.satisfies(webhook -> assertThat(webhook).containsEntry("status", "FAILED")
				.containsEntry("reasonCode", "NO_WEBHOOK"));
	}

	@Test
	void webhookRegistrationWithoutAUrlIsAProblemNamingTheField() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic"));

		Http.Answer answer = partner.putJson("/api/v1/webhooks/mine", "{}", "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("url");
	}

	@Test
	void crisisRedirectionReachesTheClientTheCoordinatorsAndTheReferrerAtOnce() {
		Client client = newClient("fr");

		publish(EventCatalog.REFERRAL_REDIRECTED_V1, client.referral());

		await().atMost(ofSeconds(30))
			.until(() -> subjects(client.email()).contains("Une aide immédiate est disponible")
					&& subjects(StubbedChannels.COORDINATORS).contains(
							"URGENT : référence " + client.referral() + " redirigée vers les ressources de crise"));
		assertThat(awaitFinished(client.referral(), 4)).extracting(d -> d.get("audience"))
			.containsExactlyInAnyOrder("CLIENT", "CLIENT", "REFERRER", "COORDINATOR");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).singleElement()
			.satisfies(sms -> assertThat(sms.body()).contains("911", "811", "988"));
	}

	private String register(String partner, String endpoint) {
		return registerWebhook(partner, StubbedChannels.webhooks().url(endpoint));
	}

	private int reply(String from, String text, boolean signed) throws IOException, InterruptedException {
		String url = "http://127.0.0.1:" + this.port + "/api/v1/sms/replies";
		Map<String, String> params = new LinkedHashMap<>();
		params.put("From", from);
		params.put("To", "+15145550000");
		params.put("Body", text);
		params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
		String form = params.entrySet()
			.stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (signed) {
			request.header("X-Twilio-Signature", TwilioSignatures.sign(SmsProviderStub.TOKEN, url, params));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private WireRecord awaitNotificationEvent(String referral, String type) {
		return await().atMost(ofSeconds(30))
			.until(() -> notificationEvents(referral).stream()
				.filter(r -> type.equals(r.header("ce_type")))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static List<String> subjects(String address) {
		return mailTo(address).stream().map(message -> {
			try {
				return message.getSubject();
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static Map<String, Object> clientDelivery(List<Map<String, Object>> deliveries, String channel) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && channel.equals(d.get("channel")))
			.findFirst()
			.orElseThrow();
	}

}

package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.budgets.MessageBudgets;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.testing.Http;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages of referrals made through the public self-referral form, whose destinations
 * whoever filled it chose. The tests' budget is two messages per destination an hour.
 */
class SelfReferralMessagesIntegrationTests extends RunningNotificationService {

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void clockBackToNoon() {
		StubbedChannels.clock().reset();
	}

	@Test
	void selfReferralsTextToANumberOutsideCanadaIsNotSentAndItsEmailStillGoes() {
		Client client = client("+33612345678");

		selfReferred(client);

		List<Map<String, Object>> deliveries = awaitFinished(client.referral(), 2);
		assertThat(clientDelivery(deliveries, "SMS")).containsEntry("status", "FAILED")
			.containsEntry("reasonCode", ClientSender.NOT_CANADIAN);
		assertThat(clientDelivery(deliveries, "EMAIL")).containsEntry("status", "SENT");
		assertThat(StubbedChannels.sms().requestsTo(client.mobile())).isZero();
	}

	@Test
	void partnersReferralStillTextsANumberOutsideCanada() {
		Client client = client("+33612345679");

		publish(SUBMITTED, client.referral());

		assertThat(clientDelivery(awaitFinished(client.referral(), 3), "SMS")).containsEntry("status", "SENT");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
	}

	@Test
	void aDestinationsThirdMessageOfTheHourIsHeldWithItsReasonThenSentTheNextHour() {
		Client client = client(mobile());
		double heldBefore = held();
		selfReferred(client);
		awaitFinished(client.referral(), 2);
		assertThat(confirm(emailLink(client)).status()).isEqualTo(200);
		assertThat(confirm(smsLink(client)).status()).isEqualTo(200);
		publish(EventCatalog.WAITLISTED_V1, client.referral());
		awaitFinished(client.referral(), 4);

		publish(EventCatalog.REFERRAL_WITHDRAWN_V1, client.referral());

		List<Map<String, Object>> withdrawn = await().atMost(ofSeconds(30))
			.until(() -> clientDeliveriesOf(client.referral(), "referral-withdrawn"), found -> found.size() == 2
					&& found.stream().allMatch(delivery -> !((List<?>) delivery.get("attempts")).isEmpty()));
		assertThat(withdrawn).allSatisfy(delivery -> {
			assertThat(delivery).containsEntry("status", "PENDING")
				.containsEntry("reasonCode", MessageBudgets.DESTINATION_REACHED);
			assertThat((List<Map<String, Object>>) delivery.get("attempts"))
				.extracting(attempt -> attempt.get("outcome"))
				.contains(MessageBudgets.DESTINATION_REACHED);
		});
		assertThat(mailTo(client.email())).hasSize(2);
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(2);
		assertThat(held()).isGreaterThanOrEqualTo(heldBefore + 2);

		StubbedChannels.clock().advance(Duration.ofHours(1));

		await().atMost(ofSeconds(30))
			.until(() -> clientDeliveriesOf(client.referral(), "referral-withdrawn"),
					found -> found.stream().allMatch(delivery -> "SENT".equals(delivery.get("status"))));
		assertThat(clientDeliveriesOf(client.referral(), "referral-withdrawn"))
			.allSatisfy(delivery -> assertThat(delivery.get("reasonCode")).isNull());
		assertThat(mailTo(client.email())).hasSize(3);
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(3);
	}

	@Test
	void unconfirmedDestinationGetsOnlyTheAcknowledgementAndConfirmingReleasesItsHeldMessageOnce() {
		Client client = client(mobile());
		selfReferred(client);
		awaitFinished(client.referral(), 2);

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		assertThat(awaitHeld(client, "waitlisted", 2))
			.allSatisfy(delivery -> assertThat(delivery).containsEntry("status", "PENDING")
				.containsEntry("reasonCode", NotificationCase.AWAITING_CONFIRMATION));
		assertThat(mailTo(client.email())).extracting(RunningNotificationService::subjectOf)
			.containsExactly(ASKING_TO_CONFIRM);
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).singleElement()
			.satisfies(sms -> assertThat(sms.body()).contains("confirmez-le : http"));

		Http.Answer opened = this.anonymous.get(emailLink(client) + "?lang=en");
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.body()).contains("Do you confirm that this email address is yours");
		Http.Answer confirmed = confirm(emailLink(client));
		Http.Answer again = confirm(emailLink(client));

		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Merci : votre adresse courriel est confirmée.");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body()).contains("Cette confirmation a déjà été faite");
		await().atMost(ofSeconds(30))
			.until(() -> clientDeliveriesOf(client.referral(), "waitlisted"), found -> found.stream()
				.anyMatch(d -> "EMAIL".equals(d.get("channel")) && "SENT".equals(d.get("status"))));
		assertThat(mailTo(client.email())).extracting(RunningNotificationService::subjectOf)
			.containsExactly(ASKING_TO_CONFIRM, "Votre demande est sur la liste d'attente");
		assertThat(clientDelivery(clientDeliveriesOf(client.referral(), "waitlisted"), "SMS"))
			.containsEntry("status", "PENDING")
			.containsEntry("reasonCode", NotificationCase.AWAITING_CONFIRMATION);
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);

		assertThat(confirm(smsLink(client)).body()).contains("Merci : votre numéro est confirmé.");

		await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.sms().sentTo(client.mobile()), sent -> sent.size() == 2);
		assertThat(awaitFinished(client.referral(), 4))
			.allSatisfy(delivery -> assertThat(delivery).containsEntry("status", "SENT"));
	}

	@Test
	void partnersReferralAsksNoConfirmationAndItsLaterMessagesGoAtOnce() {
		Client client = client(mobile());
		publish(SUBMITTED, client.referral());
		awaitFinished(client.referral(), 3);

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		assertThat(awaitFinished(client.referral(), 6))
			.filteredOn(delivery -> "CLIENT".equals(delivery.get("audience")))
			.hasSize(4)
			.allSatisfy(delivery -> assertThat(delivery).containsEntry("status", "SENT"));
		assertThat(mailTo(client.email())).extracting(RunningNotificationService::subjectOf)
			.containsExactly("Nous avons bien reçu votre demande", "Votre demande est sur la liste d'attente");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(2)
			.allSatisfy(sms -> assertThat(sms.body()).doesNotContain("/r/"));
	}

	private static Client client(String mobile) {
		String referral = UUID.randomUUID().toString();
		String email = "self-" + referral.substring(0, 8) + "@exemple.ca";
		StubbedChannels.contacts().register(referral, "fr", email, mobile, true, true);
		return new Client(referral, email, mobile);
	}

	/** Presses the button of a confirmation link's page. */
	private Http.Answer confirm(String path) {
		return this.anonymous.call("POST", path + "?confirm=yes", null);
	}

	private static String emailLink(Client client) {
		return linkPath(textOf(awaitMail(client.email(), ASKING_TO_CONFIRM)));
	}

	private static String smsLink(Client client) {
		return linkPath(await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.sms().sentTo(client.mobile()), sent -> !sent.isEmpty())
			.getFirst()
			.body());
	}

	private static String mobile() {
		return "+1514" + (2_000_000 + Math.abs(UUID.randomUUID().hashCode()) % 7_000_000);
	}

	private List<Map<String, Object>> awaitHeld(Client client, String template, int count) {
		return await().atMost(ofSeconds(30))
			.until(() -> clientDeliveriesOf(client.referral(), template), found -> found.size() == count);
	}

	private List<Map<String, Object>> clientDeliveriesOf(String referral, String template) {
		return deliveries(referral).stream()
			.filter(delivery -> "CLIENT".equals(delivery.get("audience")) && template.equals(delivery.get("template")))
			.toList();
	}

	private double held() {
		return this.meters.find(MessageBudgets.REACHED_METRIC)
			.tag("budget", "destination")
			.counters()
			.stream()
			.mapToDouble(counter -> counter.count())
			.sum();
	}

	private static Map<String, Object> clientDelivery(List<Map<String, Object>> deliveries, String channel) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && channel.equals(d.get("channel")))
			.findFirst()
			.orElseThrow();
	}

}

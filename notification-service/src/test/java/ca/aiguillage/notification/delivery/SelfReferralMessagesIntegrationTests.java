package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.budgets.MessageBudgets;
import ca.aiguillage.notification.stubs.StubbedChannels;
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
		Client client = client("+1514" + (2_000_000 + Math.abs(UUID.randomUUID().hashCode()) % 7_000_000));
		double heldBefore = held();
		selfReferred(client);
		awaitFinished(client.referral(), 2);
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

	private static Client client(String mobile) {
		String referral = UUID.randomUUID().toString();
		String email = "self-" + referral.substring(0, 8) + "@exemple.ca";
		StubbedChannels.contacts().register(referral, "fr", email, mobile, true, true);
		return new Client(referral, email, mobile);
	}

	private void selfReferred(Client client) {
		String fixture = fixture(SUBMITTED, client.referral());
		String selfReferral = replaced(replaced(fixture, "\"PARTNER_API\"", "\"SELF_REFERRAL\""),
				"\"partnerId\": \"clsc-ahuntsic\"", "\"partnerId\": null");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(), selfReferral);
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

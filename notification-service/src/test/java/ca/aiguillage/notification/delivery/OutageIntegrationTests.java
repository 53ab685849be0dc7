package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.stubs.StubbedChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Outages and slow providers lose no message and double none (issue 12). */
class OutageIntegrationTests extends RunningNotificationService {

	@AfterEach
	void backToNoon() {
		StubbedChannels.clock().reset();
	}

	@Test
	void providerDownLongerThanOneSendsRetriesIsTriedAgainLaterUntilTheMessageGoes() {
		Client client = newClient("fr");
		StubbedChannels.sms().outageFor(client.mobile(), 12);

		publish(SUBMITTED, client.referral());

		Map<String, Object> sms = clientSms(awaitFinished(client.referral(), 3));
		assertThat(sms).containsEntry("status", "SENT");
		assertThat((List<Map<String, Object>>) sms.get("attempts")).extracting(attempt -> attempt.get("outcome"))
			.hasSizeGreaterThan(5)
			.endsWith("OK");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
	}

	@Test
	void clientMessageStillFailingAtItsDeadlineFailsWithRetryDeadlinePassed() {
		Client client = newClient("fr");
		StubbedChannels.sms().outageFor(client.mobile(), Integer.MAX_VALUE);
		publish(SUBMITTED, client.referral());
		await().atMost(ofSeconds(30))
			.until(() -> clientSms(deliveries(client.referral())), sms -> !((List<?>) sms.get("attempts")).isEmpty());

		StubbedChannels.clock().advance(Duration.ofHours(25));

		Map<String, Object> sms = clientSms(awaitFinished(client.referral(), 3));
		assertThat(sms).containsEntry("status", "FAILED").containsEntry("reasonCode", "RETRY_DEADLINE_PASSED");
		await().atMost(ofSeconds(30))
			.until(() -> notificationEvents(client.referral()).stream()
				.anyMatch(record -> EventCatalog.DELIVERY_RECORDED_V1.type().equals(record.header("ce_type"))
						&& record.value().contains("\"reasonCode\":\"RETRY_DEADLINE_PASSED\"")));
	}

	@Test
	void deliveryWaitingInItsLaneWhenItsLeaseRunsOutIsSentOnce() {
		Client first = newClient("fr");
		Client second = newClient("fr");
		Client queued = newClient("fr");
		StubbedChannels.sms().answerLateFor(first.mobile(), 4_000);
		StubbedChannels.sms().answerLateFor(second.mobile(), 4_000);
		publish(SUBMITTED, first.referral());
		publish(SUBMITTED, second.referral());
		// Both workers of the provider's lane are busy with a slow answer.
		await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.sms().requestsTo(first.mobile()) == 1
					&& StubbedChannels.sms().requestsTo(second.mobile()) == 1);
		publish(SUBMITTED, queued.referral());
		await().atMost(ofSeconds(30))
			.until(() -> clientSms(deliveries(queued.referral())), sms -> "SENDING".equals(sms.get("status")));

		StubbedChannels.clock().advance(Duration.ofMinutes(6));

		await().atMost(ofSeconds(30))
			.until(() -> clientSms(deliveries(queued.referral())), sms -> "SENT".equals(sms.get("status")));
		await().during(ofSeconds(5))
			.atMost(ofSeconds(10))
			.until(() -> StubbedChannels.sms().requestsTo(queued.mobile()) == 1);
	}

	@Test
	void emailWhoseServerAnswersTheEndOfItsDataAfterTheReadTimeoutIsReceivedOnce() {
		Client client = newClient("fr");
		// The server takes the message at once and says so after 12 s, past JavaMail's
		// 10 s read timeout.
		StubbedChannels.smtp().holdReplyToEndOfData(client.email(), Duration.ofSeconds(12));
		publish(SUBMITTED, client.referral());

		Map<String, Object> email = await().atMost(ofSeconds(60))
			.until(() -> clientEmail(deliveries(client.referral())), found -> "SENT".equals(found.get("status")));
		// The sender waited for the late reply: confirmed, in one attempt.
		assertThat(email.get("reasonCode")).isNull();
		assertThat((List<Map<String, Object>>) email.get("attempts")).extracting(attempt -> attempt.get("outcome"))
			.containsExactly("OK");
		await().during(ofSeconds(5))
			.atMost(ofSeconds(10))
			.untilAsserted(() -> assertThat(mailTo(client.email())).as("emails the server received").hasSize(1));
	}

	@Test
	void emailWhoseServerNeverAnswersTheEndOfItsDataIsLoggedUnconfirmedAndNeverSentAgain() {
		Client client = newClient("fr");
		// Longer than the 20 s this service's tests wait for that reply.
		StubbedChannels.smtp().holdReplyToEndOfData(client.email(), Duration.ofSeconds(40));
		publish(SUBMITTED, client.referral());

		Map<String, Object> email = await().atMost(ofSeconds(60))
			.until(() -> clientEmail(deliveries(client.referral())), found -> "SENT".equals(found.get("status")));
		assertThat(email).containsEntry("reasonCode", "SMTP_UNCONFIRMED");
		assertThat((List<Map<String, Object>>) email.get("attempts")).extracting(attempt -> attempt.get("outcome"))
			.containsExactly("SMTP_UNCONFIRMED");
		assertThat(mailTo(client.email())).hasSize(1);
		// The other services are told it went out unconfirmed, not plainly sent.
		await().atMost(ofSeconds(30))
			.untilAsserted(() -> assertThat(notificationEvents(client.referral()))
				.filteredOn(record -> EventCatalog.DELIVERY_RECORDED_V1.type().equals(record.header("ce_type"))
						&& record.value().contains("\"channel\":\"EMAIL\"")
						&& record.value().contains("\"audience\":\"CLIENT\""))
				.singleElement()
				.satisfies(record -> assertThat(record.value()).contains("\"outcome\":\"SENT\"",
						"\"reasonCode\":\"SMTP_UNCONFIRMED\"")));
		// Long past its lease: nobody takes it again.
		StubbedChannels.clock().advance(Duration.ofMinutes(6));
		await().during(ofSeconds(5))
			.atMost(ofSeconds(10))
			.untilAsserted(() -> assertThat(mailTo(client.email())).as("emails the server received").hasSize(1));
		assertThat(clientEmail(deliveries(client.referral()))).containsEntry("status", "SENT");
	}

	private static Map<String, Object> clientEmail(List<Map<String, Object>> deliveries) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && "EMAIL".equals(d.get("channel")))
			.findFirst()
			.orElse(Map.of("attempts", List.of()));
	}

	private static Map<String, Object> clientSms(List<Map<String, Object>> deliveries) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && "SMS".equals(d.get("channel")))
			.findFirst()
			.orElse(Map.of("attempts", List.of()));
	}

}

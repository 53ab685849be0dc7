package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.platform.outbox.Aggregates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events about one referral arrive in any order across topics (issue 12). */
class ClosedReferralIntegrationTests extends RunningNotificationService {

	@Autowired
	Aggregates aggregates;

	@AfterEach
	void backToNoon() {
		StubbedChannels.clock().reset();
	}

	@Test
	void proposalArrivingAfterTheWithdrawalReachesNoOne() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		awaitApplied(client.referral(), publish(EventCatalog.REFERRAL_WITHDRAWN_V1, client.referral()));

		awaitApplied(client.referral(), publish(PROPOSED, client.referral()));

		assertThat(awaitFinished(client.referral(), 1))
			.noneMatch(d -> "proposal-made".equals(d.get("template")) && "SENT".equals(d.get("status")));
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).noneMatch(sms -> sms.body().contains("/r/"));
	}

	/** Withdrawn by the referrer, or taken out of the queue: V1 as before, V2 since. */
	@ParameterizedTest
	@ValueSource(strings = { "ca.aiguillage.referral.withdrawn.v1", "ca.aiguillage.waitlist.left-queue.v1",
			"ca.aiguillage.waitlist.left-queue.v2" })
	void closingBeforeAHeldProposalGoesCancelsIt(String closingType) {
		StubbedChannels.clock().setMontrealTime(LocalTime.of(22, 0));
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		awaitApplied(client.referral(), publish(PROPOSED, client.referral()));
		await().atMost(ofSeconds(30))
			.until(() -> clientDelivery(client.referral(), "proposal-made", "EMAIL"),
					email -> "SENT".equals(email.get("status")));

		awaitApplied(client.referral(), publish(EventCatalog.byType(closingType).orElseThrow(), client.referral()));
		Instant morning = QuietHours.nextMorning(StubbedChannels.clock().instant());
		StubbedChannels.clock().advance(Duration.between(StubbedChannels.clock().instant(), morning).plusMinutes(1));

		awaitFinished(client.referral(), 1);
		assertThat(clientDelivery(client.referral(), "proposal-made", "SMS")).containsEntry("status", "CANCELLED")
			.containsEntry("reasonCode", "REFERRAL_CLOSED");
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).isNotEmpty()
			.noneMatch(sms -> sms.body().contains("/r/"));
	}

	@Test
	void referrerReadsThatTheClientNoLongerNeedsTheService() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());

		// The contract's fixture: the client's own « NON, plus besoin ».
		publish(EventCatalog.REFERRAL_LEFT_QUEUE_V2, client.referral());

		Map<String, Object> told = await().atMost(ofSeconds(30))
			.until(() -> deliveries(client.referral()).stream()
				.filter(d -> "referrer-left-queue".equals(d.get("template")))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(told).containsEntry("audience", "REFERRER")
			.containsEntry("subject",
					"Référence retirée de la liste d'attente : la personne nous a dit ne plus avoir besoin du service");
	}

	private void awaitApplied(String referral, String eventId) {
		await().atMost(ofSeconds(30))
			.until(() -> this.aggregates.find(NotificationCase.class, referral)
				.map(known -> known.hasApplied(eventId))
				.orElse(false));
	}

	private Map<String, Object> clientDelivery(String referral, String template, String channel) {
		List<Map<String, Object>> deliveries = deliveries(referral);
		return deliveries.stream()
			.filter(d -> template.equals(d.get("template")) && "CLIENT".equals(d.get("audience"))
					&& channel.equals(d.get("channel")))
			.findFirst()
			.orElse(Map.of());
	}

}

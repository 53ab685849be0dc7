package ca.aiguillage.waitlist.queue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events from different topics overtake each other: whatever the order, nothing is
 * dropped and no referral moves backwards.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class OutOfOrderEventsIntegrationTests extends RunningService {

	private static final String GROUP = "waitlist-service";

	@Test
	void lateProposalLeavesAConfirmedReferralConfirmed() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		Wire.publish(this.kafka, QueueEntryTests.proposal(id));
		awaitStatus(id, "PROPOSED");
		Wire.publish(this.kafka, answer(id, "p-1", ClientAnsweredV1.Answer.ACCEPT));
		awaitStatus(id, "CONFIRMED");

		Wire.publish(this.kafka, proposal(id, "p-0", "t-03", QueueEntryTests.REGISTERED.plusSeconds(1)));

		await().atMost(ofSeconds(20)).until(() -> this.kafka.hasConsumedEverything(GROUP, Topics.MATCHING_EVENTS));
		Http.Answer referral = this.http.get("/api/v1/queue/" + id);
		assertThat(referral.<String>json("$.referral.status")).isEqualTo("CONFIRMED");
		assertThat(referral.<String>json("$.referral.therapistId")).isEqualTo("t-07");
		assertThat(referral.<List<String>>json("$.timeline[*].what")).contains("PROPOSAL_IGNORED");
	}

	@Test
	void clientsAcceptanceBeforeTheProposalConfirmsItWhenTheProposalComes() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		awaitStatus(id, "SUBMITTED");
		Wire.publish(this.kafka, answer(id, "p-1", ClientAnsweredV1.Answer.ACCEPT));
		await().atMost(ofSeconds(20)).until(() -> this.kafka.hasConsumedEverything(GROUP, Topics.NOTIFICATION_EVENTS));

		Wire.publish(this.kafka, QueueEntryTests.proposal(id));

		awaitStatus(id, "CONFIRMED");
		assertThat(await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_CONFIRMED_V1, id),
					records -> records.size() == 1)
			.get(0)
			.value()).contains("\"decidedBy\":\"CLIENT\"", "\"proposalId\":\"p-1\"");
	}

	@Test
	void eventsAboutAReferralNotYetRegisteredWaitForItAndAreAppliedInOrder() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, failedDelivery(id, "NO_REACHABLE_CHANNEL"));
		Wire.publish(this.kafka, answer(id, "p-1", ClientAnsweredV1.Answer.ACCEPT));
		await().atMost(ofSeconds(20)).until(() -> this.kafka.hasConsumedEverything(GROUP, Topics.NOTIFICATION_EVENTS));
		assertThat(this.kafka.readAll("error.notification.events." + GROUP))
			.noneMatch(record -> id.equals(record.key()));
		assertThat(this.http.get("/api/v1/queue/" + id).status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/queue?referralId=" + id).<Integer>json("$.total")).isZero();

		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		Wire.publish(this.kafka, QueueEntryTests.proposal(id));

		awaitStatus(id, "CONFIRMED");
		assertThat(this.http.get("/api/v1/queue/" + id).<List<String>>json("$.referral.reviewCauses"))
			.containsExactly("NO_REACHABLE_CHANNEL");
	}

	@Test
	void messageNotSentBeforeItsRetryDeadlineAsksTheCoordinatorToLook() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		awaitStatus(id, "SUBMITTED");

		Wire.publish(this.kafka, failedDelivery(id, "RETRY_DEADLINE_PASSED"));

		await().atMost(ofSeconds(20))
			.untilAsserted(
					() -> assertThat(this.http.get("/api/v1/queue/" + id).<List<String>>json("$.referral.reviewCauses"))
						.containsExactly("NO_REACHABLE_CHANNEL"));
		assertThat(Wire.published(this.kafka, EventCatalog.REVIEW_REQUESTED_V1, id)).singleElement()
			.satisfies(record -> assertThat(record.value()).contains("\"cause\":\"NO_REACHABLE_CHANNEL\""));
	}

	private void awaitStatus(String id, String status) {
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && status.equals(answer.json("$.referral.status")));
	}

	private static ClientAnsweredV1 answer(String id, String proposalId, ClientAnsweredV1.Answer answer) {
		return new ClientAnsweredV1(id, ClientAnsweredV1.Subject.PROPOSAL, proposalId, answer,
				ClientAnsweredV1.Channel.LINK, QueueEntryTests.REGISTERED.plus(Duration.ofDays(1)));
	}

	private static DeliveryRecordedV1 failedDelivery(String id, String reasonCode) {
		return new DeliveryRecordedV1(id, UUID.randomUUID().toString(), ProposalMadeV1.TYPE,
				DeliveryRecordedV1.Audience.CLIENT, null, DeliveryRecordedV1.Outcome.FAILED, reasonCode,
				QueueEntryTests.REGISTERED.plusSeconds(1));
	}

	private static ProposalMadeV1 proposal(String id, String proposalId, String therapistId, Instant at) {
		ProposalMadeV1 model = QueueEntryTests.proposal(id);
		return new ProposalMadeV1(id, proposalId, therapistId, model.organizationId(), Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)), model.explanation(), at,
				model.therapistFirstName(), model.organizationName());
	}

}

package ca.aiguillage.referral.closedloop;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.referral.intake.ExampleReferrals;
import ca.aiguillage.referral.intake.QueueEvents;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ClosedLoopIntegrationTests extends RunningService {

	@Test
	void referrerSeesTheWaitThenTheProposalInTheTimeline() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-loop"));
		String id = partner.postJson("/api/v1/referrals", ExampleReferrals.someone()).json("$.referralId");
		Instant now = Instant.now();

		publish(EventCatalog.WAITLISTED_V1, new WaitlistedV1(id, now, now.plusSeconds(1)),
				UUID.randomUUID().toString());
		publish(EventCatalog.PROPOSAL_MADE_V1, proposal(id, now.plusSeconds(60)), UUID.randomUUID().toString());

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer status = partner.get("/api/v1/referrals/" + id);
			assertThat(status.<List<String>>json("$.timeline[*].status")).containsExactly("SUBMITTED", "WAITLISTED",
					"PROPOSED");
			assertThat(status.<String>json("$.status")).isEqualTo("PROPOSED");
			assertThat(status.<String>json("$.timeline[2].organizationId")).isEqualTo("org-laval");
		});
		assertThat(partner.get("/api/v1/referrals/" + id).body()).doesNotContain("t-07", "therapist");
	}

	@Test
	void theSameOutcomeDeliveredTwiceAppearsOnce() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-loop"));
		String id = partner.postJson("/api/v1/referrals", ExampleReferrals.someone()).json("$.referralId");
		String eventId = UUID.randomUUID().toString();

		publish(EventCatalog.PROPOSAL_MADE_V1, proposal(id, Instant.now()), eventId);
		publish(EventCatalog.PROPOSAL_MADE_V1, proposal(id, Instant.now()), eventId);

		await().atMost(ofSeconds(30))
			.until(() -> this.kafka.hasConsumedEverything("referral-service", Topics.MATCHING_EVENTS));
		assertThat(partner.get("/api/v1/referrals/" + id).<List<String>>json("$.timeline[*].status"))
			.containsExactly("SUBMITTED", "PROPOSED");
	}

	@Test
	void clientWhoNoLongerNeedsTheServiceClosesTheReferralForItsReferrer() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-loop"));
		String id = partner.postJson("/api/v1/referrals", ExampleReferrals.someone()).json("$.referralId");
		Instant now = Instant.now();
		publish(EventCatalog.WAITLISTED_V1, new WaitlistedV1(id, now, now), UUID.randomUUID().toString());

		publish(EventCatalog.REFERRAL_LEFT_QUEUE_V2, new ReferralLeftQueueV2(id,
				ReferralLeftQueueV2.Outcome.NO_LONGER_NEEDED, ReferralLeftQueueV2.ClosedBy.CLIENT, now.plusSeconds(60)),
				UUID.randomUUID().toString());

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer status = partner.get("/api/v1/referrals/" + id);
			assertThat(status.<String>json("$.status")).isEqualTo("NO_LONGER_NEEDED");
			assertThat(status.<List<String>>json("$.timeline[*].status")).containsExactly("SUBMITTED", "WAITLISTED",
					"NO_LONGER_NEEDED");
		});
	}

	@Test
	void exitPublishedBeforeTheSecondVersionStillClosesTheReferral() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-loop"));
		String id = partner.postJson("/api/v1/referrals", ExampleReferrals.someone()).json("$.referralId");

		publish(EventCatalog.REFERRAL_LEFT_QUEUE_V1,
				new ReferralLeftQueueV1(id, ReferralLeftQueueV1.Outcome.UNREACHABLE, Instant.now()),
				UUID.randomUUID().toString());

		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(partner.get("/api/v1/referrals/" + id).<String>json("$.status"))
				.isEqualTo("UNREACHABLE"));
	}

	private static ProposalMadeV1 proposal(String id, Instant at) {
		return new ProposalMadeV1(id, UUID.randomUUID().toString(), "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0), at, "Camille",
				"Centre St-Pierre");
	}

	private void publish(EventDefinition<?> definition, Object data, String eventId) {
		new QueueEvents(this.kafka).publish(definition, data, eventId);
	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class QueueRebuildIntegrationTests extends RunningService {

	static final String EVERY_STATUS = "/api/v1/queue?size=200&sort=registeredAt&"
			+ java.util.Arrays.stream(QueueStatus.values())
				.map(status -> "status=" + status)
				.collect(java.util.stream.Collectors.joining("&"));

	@Autowired
	MongoOperations mongo;

	@Test
	void droppedQueueIsRebuiltFromTheTopicsToTheSameState() {
		String inTherapy = proposed();
		decide(inTherapy, "confirmation", "{}");
		decide(inTherapy, "first-session", "{}");
		String reprioritised = proposed();
		decide(reprioritised, "priority", "{\"priority\":\"A\",\"reason\":\"Situation aggravée\"}");
		String acceptedByClient = proposed(
				QueueEntryTests.submitted(UUID.randomUUID().toString(), new SessionFee(2000, true, "s", "1")));
		Wire.publish(this.kafka, new ClientAnsweredV1(acceptedByClient, ClientAnsweredV1.Subject.PROPOSAL, "p-1",
				ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.SMS, Instant.now()));
		await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_CONFIRMED_V1, acceptedByClient).size() == 1
					&& Wire.published(this.kafka, EventCatalog.THERAPY_STARTED_V1, inTherapy).size() == 1
					&& Wire.published(this.kafka, EventCatalog.REPRIORITISED_V1, reprioritised).size() == 1);
		await().atMost(ofSeconds(20))
			.until(() -> this.kafka.hasConsumedEverything("waitlist-service", Topics.NOTIFICATION_EVENTS));
		String queueBefore = this.http.get(EVERY_STATUS).body();
		List<String> timelinesBefore = timelines(inTherapy, reprioritised, acceptedByClient);

		this.mongo.dropCollection("queue");
		assertThat(this.http.get(EVERY_STATUS).<Integer>json("$.total")).isZero();
		Http.Answer rebuilt = this.http.postJson("/api/v1/queue/rebuild", "{}");

		assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
		// This test's own: 4 for the client in therapy, 3 for the reprioritised one, 4
		// for
		// the one who accepted; other tests' events come on top when they ran first.
		assertThat(rebuilt.<Integer>json("$.eventsReplayed")).isGreaterThanOrEqualTo(11);
		assertThat(this.http.get(EVERY_STATUS).body()).isEqualTo(queueBefore);
		assertThat(timelines(inTherapy, reprioritised, acceptedByClient)).isEqualTo(timelinesBefore);
		assertThat(this.http.get("/api/v1/queue/" + inTherapy).<String>json("$.referral.status"))
			.isEqualTo("IN_THERAPY");
		assertThat(this.http.get("/api/v1/queue/" + acceptedByClient).<String>json("$.referral.feeBand"))
			.isEqualTo("LOW_FEE");
		assertThat(this.http.get("/api/v1/queue/" + reprioritised)
			.<List<String>>json("$.timeline[?(@.what=='REPRIORITISED')].reason")).containsExactly("Situation aggravée");
	}

	private List<String> timelines(String... ids) {
		return java.util.Arrays.stream(ids).map(id -> this.http.get("/api/v1/queue/" + id).body()).toList();
	}

	private void decide(String id, String action, String body) {
		String etag = this.http.get("/api/v1/queue/" + id).header("etag");
		Http.Answer answer = this.http.postJson("/api/v1/queue/" + id + "/" + action, body, "If-Match", etag);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	private String proposed() {
		return proposed(QueueEntryTests.submitted(UUID.randomUUID().toString()));
	}

	private String proposed(ReferralSubmittedV1 submitted) {
		String id = submitted.referralId();
		Wire.publish(this.kafka, submitted);
		Wire.publish(this.kafka, QueueEntryTests.proposal(id));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
		return id;
	}

}

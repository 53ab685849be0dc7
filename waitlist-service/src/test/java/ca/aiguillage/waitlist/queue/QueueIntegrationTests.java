package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=waitlist-service")
class QueueIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	final EventJson json = new EventJson();

	@Test
	void referralWithNoMatchWaitsInTheQueueAndIsAnnouncedAsWaitlisted() {
		String id = UUID.randomUUID().toString();

		publish(EventCatalog.REFERRAL_SUBMITTED_V1, QueueEntryTests.submitted(id), UUID.randomUUID().toString());
		publish(EventCatalog.NO_MATCH_FOUND_V1,
				new NoMatchFoundV1(id, List.of("NO_SHARED_LANGUAGE"), 40, QueueEntryTests.REGISTERED.plusSeconds(3)),
				UUID.randomUUID().toString());

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer queue = this.http.get("/api/v1/queue?referralId=" + id);
			assertThat(queue.<List<String>>json("$.items[*].status")).containsExactly("WAITING");
			assertThat(queue.<List<String>>json("$.items[0].noMatchReasons")).containsExactly("NO_SHARED_LANGUAGE");
		});
		WireRecord waitlisted = await().atMost(ofSeconds(20))
			.until(() -> waitlisted(id), records -> records.size() == 1)
			.get(0);
		assertThat(waitlisted.header("ce_source")).isEqualTo("/aiguillage/waitlist-service");
		assertThat(waitlisted.value()).contains("\"registeredAt\":\"2026-11-20T14:03:00Z\"");
	}

	@Test
	void proposalArrivingBeforeTheRegistrationShowsAsProposedWithTheReferralsAttributes() {
		String id = UUID.randomUUID().toString();

		publish(EventCatalog.PROPOSAL_MADE_V1, QueueEntryTests.proposal(id), UUID.randomUUID().toString());
		publish(EventCatalog.REFERRAL_SUBMITTED_V1, QueueEntryTests.submitted(id), UUID.randomUUID().toString());

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer queue = this.http.get("/api/v1/queue?referralId=" + id);
			assertThat(queue.<List<String>>json("$.items[*].status")).containsExactly("PROPOSED");
			assertThat(queue.<List<String>>json("$.items[0].languages")).containsExactly("fr", "es");
			assertThat(queue.<String>json("$.items[0].proposal.therapistId")).isEqualTo("t-07");
			assertThat(queue.<List<String>>json("$.items[0].proposal.explanation.constraintsMet"))
				.contains("SHARED_LANGUAGE");
		});
	}

	@Test
	void theSameEventTwiceChangesNothingTheSecondTime() {
		String id = UUID.randomUUID().toString();
		String eventId = UUID.randomUUID().toString();
		publish(EventCatalog.REFERRAL_SUBMITTED_V1, QueueEntryTests.submitted(id), eventId);
		await().atMost(ofSeconds(20)).until(() -> entry(id) != null);
		Document before = entry(id);

		publish(EventCatalog.REFERRAL_SUBMITTED_V1, QueueEntryTests.submitted(id), eventId);

		await().atMost(ofSeconds(20))
			.until(() -> this.kafka.hasConsumedEverything("waitlist-service", Topics.REFERRAL_EVENTS));
		assertThat(entry(id)).isEqualTo(before);
	}

	@Test
	void malformedEventGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() {
		String badId = UUID.randomUUID().toString();
		this.kafka.send(Topics.MATCHING_EVENTS, "r-bad", "{\"referralId\": 42}",
				KafkaProbe.cloudEventHeaders(badId, EventCatalog.NO_MATCH_FOUND_V1.type(), "r-bad"));
		String id = UUID.randomUUID().toString();
		publish(EventCatalog.PROPOSAL_MADE_V1, QueueEntryTests.proposal(id), UUID.randomUUID().toString());

		await().atMost(ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.readAll("error.matching.events.waitlist-service"))
				.filteredOn(record -> badId.equals(record.header("ce_id")))
				.singleElement()
				.satisfies(record -> assertThat(record.header("x-exception-message")).contains("violates its schema")));
		await().atMost(ofSeconds(20)).until(() -> entry(id) != null);
	}

	@Test
	void queueIsFilteredByStatusAndPaged() {
		String waiting = UUID.randomUUID().toString();
		publish(EventCatalog.NO_MATCH_FOUND_V1,
				new NoMatchFoundV1(waiting, List.of("NO_FREE_PLACE"), 40, QueueEntryTests.REGISTERED),
				UUID.randomUUID().toString());
		await().atMost(ofSeconds(20)).until(() -> entry(waiting) != null);

		Http.Answer page = this.http.get("/api/v1/queue?status=WAITING&size=1");

		assertThat(page.<List<String>>json("$.items[*].status")).containsExactly("WAITING");
		assertThat(page.<Integer>json("$.total")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void pageSizeOutOfRangeGetsAProblemNamingIt() {
		Http.Answer answer = this.http.get("/api/v1/queue?size=5000");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("size");
		assertThat(answer.<List<String>>json("$.errors[*].message"))
			.containsExactly("La taille de page doit être entre 1 et 200.");
	}

	private void publish(EventDefinition<?> definition, Object data, String eventId) {
		String subject = definition.subjectOf(data);
		this.kafka.send(definition.topic(), subject, this.json.write(data),
				KafkaProbe.cloudEventHeaders(eventId, definition.type(), subject));
	}

	private Document entry(String id) {
		return this.mongo.findById(id, Document.class, "queue");
	}

	private List<WireRecord> waitlisted(String id) {
		return this.kafka.readAll(Topics.WAITLIST_EVENTS)
			.stream()
			.filter(record -> id.equals(record.key())
					&& EventCatalog.WAITLISTED_V1.type().equals(record.header("ce_type")))
			.toList();
	}

}

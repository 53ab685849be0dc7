package ca.aiguillage.waitlist.queue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class QueueIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	@Test
	void referralWithNoMatchWaitsInTheQueueAndIsAnnouncedAsWaitlisted() {
		String id = UUID.randomUUID().toString();

		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		Wire.publish(this.kafka,
				new NoMatchFoundV1(id, List.of("NO_SHARED_LANGUAGE"), 40, QueueEntryTests.REGISTERED.plusSeconds(3)));

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer queue = this.http.get("/api/v1/queue?referralId=" + id);
			assertThat(queue.<List<String>>json("$.items[*].status")).containsExactly("WAITING");
			assertThat(queue.<List<String>>json("$.items[0].noMatchReasons")).containsExactly("NO_SHARED_LANGUAGE");
		});
		WireRecord waitlisted = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.WAITLISTED_V1, id), records -> records.size() == 1)
			.get(0);
		assertThat(waitlisted.header("ce_source")).isEqualTo("/aiguillage/waitlist-service");
		assertThat(waitlisted.value()).contains("\"registeredAt\":\"2026-11-20T14:03:00Z\"");
	}

	@Test
	void queueShowsEveryFieldCoordinatorsNeed() {
		String id = UUID.randomUUID().toString();

		Wire.publish(this.kafka, QueueEntryTests.proposal(id));
		Wire.publish(this.kafka, QueueEntryTests.submitted(id));

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer queue = this.http.get("/api/v1/queue?referralId=" + id);
			assertThat(queue.<List<String>>json("$.items[*].status")).containsExactly("PROPOSED");
			assertThat(queue.<List<String>>json("$.items[0].languages")).containsExactly("fr", "es");
			assertThat(queue.<List<String>>json("$.items[0].approaches")).containsExactly("COGNITIVE_BEHAVIOURAL");
			assertThat(queue.<String>json("$.items[0].clientele")).isEqualTo("ADULT");
			assertThat(queue.<String>json("$.items[0].modality")).isEqualTo("EITHER");
			assertThat(queue.<String>json("$.items[0].priority")).isEqualTo("C");
			assertThat(queue.<String>json("$.items[0].referrer")).isEqualTo("clsc-ahuntsic");
			assertThat(queue.<Integer>json("$.items[0].daysWaited")).isGreaterThanOrEqualTo(0);
			assertThat(queue.<Boolean>json("$.items[0].sixtyDayRisk")).isFalse();
			assertThat(queue.<String>json("$.items[0].proposal.therapistId")).isEqualTo("t-07");
			assertThat(queue.<List<String>>json("$.items[0].proposal.explanation.constraintsMet"))
				.contains("SHARED_LANGUAGE");
		});
	}

	@Test
	void queueIsFilteredByLanguageApproachReferrerAndDaysWaitedAndSortedByPriority() {
		String partner = "clsc-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		String oldSpanish = referral(partner, now.minus(70, ChronoUnit.DAYS), "es", Approach.SYSTEMIC, Priority.D);
		String recentSpanish = referral(partner, now.minus(5, ChronoUnit.DAYS), "es", Approach.SYSTEMIC, Priority.A);
		String english = referral(partner, now.minus(40, ChronoUnit.DAYS), "en", Approach.PSYCHODYNAMIC, Priority.B);
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue?referrer=" + partner).<Integer>json("$.total"),
					total -> total == 3);

		assertThat(ids("/api/v1/queue?referrer=" + partner + "&language=es")).containsExactly(oldSpanish,
				recentSpanish);
		assertThat(ids("/api/v1/queue?referrer=" + partner + "&approach=PSYCHODYNAMIC")).containsExactly(english);
		assertThat(ids("/api/v1/queue?referrer=" + partner + "&minDaysWaited=30&maxDaysWaited=60"))
			.containsExactly(english);
		assertThat(ids("/api/v1/queue?referrer=" + partner + "&sort=priority")).containsExactly(recentSpanish, english,
				oldSpanish);
		assertThat(ids("/api/v1/queue?referrer=" + partner + "&sort=daysWaited,asc")).containsExactly(recentSpanish,
				english, oldSpanish);
		assertThat(ids("/api/v1/queue?referrer=" + partner + "&atRisk=true")).containsExactly(oldSpanish);
		Http.Answer secondPage = this.http.get("/api/v1/queue?referrer=" + partner + "&size=2&page=1");
		assertThat(secondPage.<List<String>>json("$.items[*].referralId")).containsExactly(recentSpanish);
		assertThat(secondPage.<Integer>json("$.total")).isEqualTo(3);
	}

	@Test
	void theSameEventTwiceChangesNothingTheSecondTime() {
		String id = UUID.randomUUID().toString();
		String eventId = UUID.randomUUID().toString();
		String submitted = new ca.aiguillage.platform.events.EventJson().write(QueueEntryTests.submitted(id));
		Map<String, String> headers = KafkaProbe.cloudEventHeaders(eventId, EventCatalog.REFERRAL_SUBMITTED_V1.type(),
				id);
		this.kafka.send(Topics.REFERRAL_EVENTS, id, submitted, headers);
		await().atMost(ofSeconds(20)).until(() -> entry(id) != null);
		Document before = entry(id);

		this.kafka.send(Topics.REFERRAL_EVENTS, id, submitted, headers);

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
		Wire.publish(this.kafka, QueueEntryTests.proposal(id));

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
		Wire.publish(this.kafka, QueueEntryTests.noMatch(waiting, QueueEntryTests.REGISTERED));
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

	@Test
	void unknownSortGetsAProblemInEnglishWhenAsked() {
		Http.Answer answer = this.http.get("/api/v1/queue?sort=name", "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("sort");
		assertThat(answer.<List<String>>json("$.errors[*].message").get(0)).startsWith("Sort by");
	}

	private String referral(String partner, Instant registered, String language, Approach approach, Priority priority) {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, registered, IntakeChannel.PARTNER_API, partner, null, language,
						List.of(language), Clientele.ADULT, List.of(approach), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), priority,
						"H2M", List.of(), null, null));
		return id;
	}

	private List<String> ids(String path) {
		return this.http.get(path).json("$.items[*].referralId");
	}

	private Document entry(String id) {
		return this.mongo.findById(id, Document.class, "queue");
	}

}

package ca.aiguillage.referral.intake;

import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ReferralIntakeIntegrationTests extends RunningService {

	private static final String PARTNER = "clsc-ahuntsic";

	private static final String DEAD_LETTERS = "error." + Topics.inboundOf(PARTNER) + ".referral-service";

	@Autowired
	MongoOperations mongo;

	@Test
	void postedReferralIsAnnouncedAsACloudEventWithoutPersonalData() {
		Http.Answer answer = this.http.postJson("/api/v1/referrals", ExampleReferrals.someone());

		assertThat(answer.status()).isEqualTo(201);
		String id = answer.json("$.referralId");
		assertThat(answer.header("Location")).isEqualTo("/api/v1/referrals/" + id);
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> submitted(id), records -> records.size() == 1)
			.get(0);
		assertThat(event.header("ce_type")).isEqualTo(EventCatalog.REFERRAL_SUBMITTED_V1.type());
		assertThat(event.header("ce_specversion")).isEqualTo("1.0");
		assertThat(event.header("ce_source")).isEqualTo("/aiguillage/referral-service");
		assertThat(event.header("ce_subject")).isEqualTo(id);
		assertThat(event.header("ce_dataschema")).isEqualTo(EventCatalog.REFERRAL_SUBMITTED_V1.dataSchema().toString());
		assertThat(event.header("ce_id")).isNotBlank();
		assertThat(event.header("ce_time")).isNotBlank();
		assertThat(event.value()).contains("\"intakeChannel\":\"PARTNER_API\"", "\"postalPrefix\":\"H2M\"")
			.doesNotContain("Tremblay", "Marie", "example.org", "514 555", "5550142", "1991-04-12", "Anxiété",
					"H2M 1K5");
	}

	@Test
	void acknowledgedReferralCanBeReadBack() {
		String id = this.http.postJson("/api/v1/referrals", ExampleReferrals.someone()).json("$.referralId");

		Http.Answer status = this.http.get("/api/v1/referrals/" + id);

		assertThat(status.status()).isEqualTo(200);
		assertThat(status.<String>json("$.status")).isEqualTo("SUBMITTED");
		assertThat(status.body()).doesNotContain("Tremblay");
	}

	@Test
	void missingRequiredFieldGetsAFrenchProblemNamingItAndStoresNothing() {
		long before = this.mongo.count(new Query(), "referrals");
		String withoutPostalCode = ExampleReferrals.someone().replace("\"postalCode\": \"H2M 1K5\",", "");

		Http.Answer answer = this.http.postJson("/api/v1/referrals", withoutPostalCode);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Requête invalide");
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("client.postalCode");
		assertThat(answer.<List<String>>json("$.errors[*].message")).containsExactly("Ce champ est obligatoire.");
		assertThat(this.mongo.count(new Query(), "referrals")).isEqualTo(before);
	}

	@Test
	void problemIsInEnglishWhenAskedFor() {
		String badPostalCode = ExampleReferrals.someone().replace("H2M 1K5", "90210");

		Http.Answer answer = this.http.postJson("/api/v1/referrals", badPostalCode, "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<String>json("$.title")).isEqualTo("Invalid request");
		assertThat(answer.<List<String>>json("$.errors[*].message"))
			.containsExactly("Invalid Canadian postal code (expected format: A1A 1A1).");
	}

	@Test
	void invalidJsonGetsAProblemAndStoresNothing() {
		long before = this.mongo.count(new Query(), "referrals");

		Http.Answer answer = this.http.postJson("/api/v1/referrals", "{\"client\": ");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<String>json("$.title")).isEqualTo("Corps de requête illisible");
		assertThat(this.mongo.count(new Query(), "referrals")).isEqualTo(before);
	}

	@Test
	void fieldOfTheWrongTypeIsNamed() {
		Http.Answer answer = this.http.postJson("/api/v1/referrals",
				ExampleReferrals.someone().replace("\"annualIncome\": 24000", "\"annualIncome\": \"a lot\""));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("household.annualIncome");
	}

	@Test
	void referralAtImminentRiskIsRedirectedAtOnceAndNeverQueued() {
		Http.Answer answer = this.http.postJson("/api/v1/referrals",
				ExampleReferrals.someone().replace("\"imminentRisk\": false", "\"imminentRisk\": true"));

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.<String>json("$.status")).isEqualTo("REDIRECTED");
		assertThat(answer.<List<String>>json("$.crisisResources")).contains("911", "811", "988");
		String id = answer.json("$.referralId");
		// A later referral's announcement proves the relay ran past this one.
		String later = this.http.postJson("/api/v1/referrals", ExampleReferrals.someone()).json("$.referralId");
		await().atMost(ofSeconds(20)).until(() -> submitted(later), records -> records.size() == 1);
		assertThat(submitted(id)).isEmpty();
		List<WireRecord> urgent = events(id, EventCatalog.REFERRAL_REDIRECTED_V1.type());
		assertThat(urgent).hasSize(1);
		assertThat(urgent.get(0).value()).contains("\"preferredLanguage\":\"fr\"")
			.doesNotContain("Tremblay", "marie-eve", "514", "H2M");
	}

	@Test
	void inboundEventBecomesTheSameSubmittedEventOnceForThePartnerWhoseTopicItCameOn() {
		String eventId = UUID.randomUUID().toString();
		var headers = KafkaProbe.cloudEventHeaders(eventId, EventCatalog.INBOUND_REFERRAL_V1.type(), "CLSC-1");
		// The source a sender chooses names no partner: only the topic does.
		headers.put("ce_source", "/partners/gasm-laval");

		String referral = ExampleReferrals.someone();
		this.kafka.send(Topics.inboundOf(PARTNER), "CLSC-1", referral, headers);
		this.kafka.send(Topics.inboundOf(PARTNER), "CLSC-1", referral, headers);

		String id = UUID.nameUUIDFromBytes(("clsc-ahuntsic|" + eventId).getBytes()).toString();
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> submitted(id), records -> !records.isEmpty())
			.get(0);
		assertThat(event.value()).contains("\"intakeChannel\":\"PARTNER_EVENT\"", "\"partnerId\":\"clsc-ahuntsic\"");
		assertThat(this.mongo.count(new Query(Criteria.where("_id").is(id)), "referrals")).isEqualTo(1);
		// A second inbound event after the duplicate proves the duplicate was consumed,
		// then nothing more appeared.
		String nextEvent = UUID.randomUUID().toString();
		this.kafka.send(Topics.inboundOf(PARTNER), "CLSC-2", ExampleReferrals.someone(),
				KafkaProbe.cloudEventHeaders(nextEvent, EventCatalog.INBOUND_REFERRAL_V1.type(), "CLSC-2"));
		String next = UUID.nameUUIDFromBytes((PARTNER + "|" + nextEvent).getBytes()).toString();
		await().atMost(ofSeconds(20)).until(() -> submitted(next), records -> records.size() == 1);
		assertThat(submitted(id)).hasSize(1);
	}

	@Test
	void inboundEventViolatingTheSchemaGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerCarriesOn() {
		String badId = UUID.randomUUID().toString();
		this.kafka.send(Topics.inboundOf(PARTNER), "BAD-1",
				ExampleReferrals.someone().replace("\"household\"", "\"housing\""),
				KafkaProbe.cloudEventHeaders(badId, EventCatalog.INBOUND_REFERRAL_V1.type(), "BAD-1"));
		String goodId = UUID.randomUUID().toString();
		this.kafka.send(Topics.inboundOf(PARTNER), "GOOD-1", ExampleReferrals.someone(),
				KafkaProbe.cloudEventHeaders(goodId, EventCatalog.INBOUND_REFERRAL_V1.type(), "GOOD-1"));

		WireRecord dead = this.kafka.awaitEvent(DEAD_LETTERS, badId);
		assertThat(dead.header("x-exception-message")).contains("violates its schema", "household");
		String good = UUID.nameUUIDFromBytes((PARTNER + "|" + goodId).getBytes()).toString();
		await().atMost(ofSeconds(20)).until(() -> submitted(good), records -> records.size() == 1);
	}

	@Test
	void inboundEventBreakingAFieldRuleGoesToTheDeadLetterTopicNamingTheField() {
		String badId = UUID.randomUUID().toString();
		this.kafka.send(Topics.inboundOf(PARTNER), "BAD-2", ExampleReferrals.someone().replace("H2M 1K5", "90210"),
				KafkaProbe.cloudEventHeaders(badId, EventCatalog.INBOUND_REFERRAL_V1.type(), "BAD-2"));

		WireRecord dead = this.kafka.awaitEvent(DEAD_LETTERS, badId);
		assertThat(dead.header("x-exception-message")).contains("client.postalCode", "invalid.postalCode")
			.doesNotContain("90210");
	}

	private List<WireRecord> events(String referralId, String type) {
		return this.kafka.readAll(Topics.REFERRAL_EVENTS)
			.stream()
			.filter(record -> referralId.equals(record.key()))
			.filter(record -> type.equals(record.header("ce_type")))
			.toList();
	}

	private List<WireRecord> submitted(String referralId) {
		return this.kafka.readAll(Topics.REFERRAL_EVENTS)
			.stream()
			.filter(record -> referralId.equals(record.key()))
			.filter(record -> EventCatalog.REFERRAL_SUBMITTED_V1.type().equals(record.header("ce_type")))
			.toList();
	}

}

package ca.aiguillage.referral.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.privacy.BlindIndex;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ReferralLifecycleIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	@Autowired
	BlindIndex index;

	private static final String REFERRALS = "/api/v1/referrals";

	@Test
	void samePersonSentByTwoPartnersAtOnceOpensOneReferralAndFlagsTheOtherAsItsPossibleDuplicate() throws Exception {
		Http first = partner("clsc-race-a");
		Http second = partner("clsc-race-b");
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			for (int round = 0; round < 8; round++) {
				String person = ExampleReferrals.someone();
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Http.Answer> fromFirst = pool.submit(() -> {
					start.await();
					return first.postJson(REFERRALS, person);
				});
				Future<Http.Answer> fromSecond = pool.submit(() -> {
					start.await();
					return second.postJson(REFERRALS, person);
				});
				Http.Answer a = fromFirst.get();
				Http.Answer b = fromSecond.get();

				assertThat(List.of(a.status(), b.status())).containsOnly(201);
				// Neither had reached the queue: nothing to link to, so one is flagged.
				assertThat(List.<String>of(a.json("$.status"), b.json("$.status"))).containsOnly("SUBMITTED");
				String idA = a.json("$.referralId");
				String idB = b.json("$.referralId");
				// Only the flags between these two: an earlier test's person may share
				// the
				// birth date and, by chance, the phone number.
				List<WireRecord> flagged = await().atMost(ofSeconds(20))
					.until(() -> concat(events(idA, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type()),
							events(idB, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type()))
						.stream()
						.filter(record -> record.value().contains(record.key().equals(idA) ? idB : idA))
						.toList(), found -> !found.isEmpty());
				assertThat(flagged).hasSize(1);
			}
		}
	}

	@Test
	void claimLeftByAReferralThatWasNeverStoredDoesNotLockThePersonOut() {
		String person = ExampleReferrals.someone();
		String lastName = person.substring(person.indexOf("Tremblay-"), person.indexOf("Tremblay-") + 17);
		String key = "name-and-birth:" + this.index.nameAndBirth("Marie-Ève", lastName, LocalDate.of(1991, 4, 12));
		this.mongo.insert(new PersonClaims.Claim(key, "never-stored", Instant.now().minus(Duration.ofHours(1))));

		Http.Answer answer = partner("clsc-abandoned").postJson(REFERRALS, person);

		assertThat(answer.<String>json("$.status")).isEqualTo("SUBMITTED");
		assertThat(this.mongo.findById(key, PersonClaims.Claim.class).referralId())
			.isEqualTo(answer.json("$.referralId"));
	}

	@Test
	void withdrawnReferralIsAnnouncedAndTheSamePersonCanBeReferredAfresh() {
		String person = ExampleReferrals.someone();
		Http partner = partner("clsc-withdraw");
		String id = partner.postJson(REFERRALS, person).json("$.referralId");

		Http.Answer withdrawn = partner.postJson(REFERRALS + "/" + id + "/withdrawal", "");

		assertThat(withdrawn.status()).isEqualTo(200);
		assertThat(withdrawn.<String>json("$.status")).isEqualTo("WITHDRAWN");
		assertThat(withdrawn.<List<String>>json("$.timeline[*].status")).containsExactly("SUBMITTED", "WITHDRAWN");
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> events(id, EventCatalog.REFERRAL_WITHDRAWN_V1.type()), records -> !records.isEmpty())
			.get(0);
		assertThat(event.value()).contains("\"withdrawnBy\":\"REFERRER\"");
		assertThat(partner.postJson(REFERRALS, person).<String>json("$.status")).isEqualTo("SUBMITTED");
	}

	@Test
	void withdrawingTwiceIsAConflictNamingTheCurrentStatusInFrenchOrEnglish() {
		Http partner = partner("clsc-withdraw-twice");
		String id = partner.postJson(REFERRALS, ExampleReferrals.someone()).json("$.referralId");
		partner.postJson(REFERRALS + "/" + id + "/withdrawal", "");

		Http.Answer french = partner.postJson(REFERRALS + "/" + id + "/withdrawal", "");
		Http.Answer english = partner.postJson(REFERRALS + "/" + id + "/withdrawal", "", "Accept-Language", "en");

		assertThat(french.status()).isEqualTo(409);
		assertThat(french.header("Content-Type")).startsWith("application/problem+json");
		assertThat(french.<String>json("$.detail")).contains("« retirée »");
		assertThat(french.<String>json("$.currentStatus")).isEqualTo("WITHDRAWN");
		assertThat(english.<String>json("$.detail")).contains("\"withdrawn\"");
	}

	@Test
	void partnerListsItsOwnReferralsNewestFirstFilteredAndPaged() {
		Http partner = partner("clsc-list-" + UUID.randomUUID().toString().substring(0, 8));
		String older = partner.postJson(REFERRALS, ExampleReferrals.someone()).json("$.referralId");
		String newer = partner.postJson(REFERRALS, ExampleReferrals.someone()).json("$.referralId");
		String withdrawn = partner.postJson(REFERRALS, ExampleReferrals.someone()).json("$.referralId");
		partner.postJson(REFERRALS + "/" + withdrawn + "/withdrawal", "");
		partner("clsc-someone-else").postJson(REFERRALS, ExampleReferrals.someone());

		Http.Answer submitted = partner.get(REFERRALS + "?status=SUBMITTED&size=1");
		Http.Answer secondPage = partner.get(REFERRALS + "?status=SUBMITTED&size=1&page=1");
		Http.Answer all = partner.get(REFERRALS);

		assertThat(submitted.<List<String>>json("$.items[*].referralId")).containsExactly(newer);
		assertThat(submitted.<Integer>json("$.total")).isEqualTo(2);
		assertThat(secondPage.<List<String>>json("$.items[*].referralId")).containsExactly(older);
		assertThat(all.<List<String>>json("$.items[*].referralId")).containsExactly(withdrawn, newer, older);
		assertThat(all.body()).doesNotContain("Tremblay", "marie-eve");
		assertThat(partner.get(REFERRALS + "?size=500").status()).isEqualTo(400);
	}

	@Test
	void feeComesFromTheExampleScaleAndTravelsWithTheReferral() {
		// 24 000 $ and one dependent: the second bracket, 25 $ a session, a low-fee
		// place.
		Http.Answer answer = partner("clsc-fee").postJson(REFERRALS, ExampleReferrals.someone());

		assertThat(answer.<Integer>json("$.fee.amountCents")).isEqualTo(2500);
		assertThat(answer.<Boolean>json("$.fee.lowFee")).isTrue();
		assertThat(answer.<String>json("$.fee.scaleId")).isEqualTo("example");
		assertThat(answer.<String>json("$.fee.scaleVersion")).isEqualTo("2026-1");
		String id = answer.json("$.referralId");
		WireRecord submitted = await().atMost(ofSeconds(20))
			.until(() -> events(id, EventCatalog.REFERRAL_SUBMITTED_V1.type()), records -> !records.isEmpty())
			.get(0);
		assertThat(submitted.value()).contains("\"amountCents\":2500", "\"lowFee\":true");
		assertThat(submitted.value()).doesNotContain("24000", "annualIncome");
	}

	@Test
	void administratorReplacesAnOrganizationsScaleAndLaterReferralsUseTheNewVersion() {
		String scale = """
				{"id": "org-fee", "version": "v1", "example": false,
				 "label": {"fr": "Barème", "en": "Scale"}, "organizationIds": ["org-fee"],
				 "lowFeeMaximumCents": 2000,
				 "brackets": [{"annualIncomeUpTo": 30000, "feeCentsByDependents": [4000]},
				              {"annualIncomeUpTo": null, "feeCentsByDependents": [8000, 7000]}]}
				""";
		assertThat(this.http.putJson("/api/v1/fee-scales/org-fee", scale).status()).isEqualTo(200);
		String toOrg = ExampleReferrals.someone()
			.replace("\"client\":", "\"targetOrganizationId\": \"org-fee\",\n  \"client\":");

		Http.Answer first = partner("clsc-fee-2").postJson(REFERRALS, toOrg);
		this.http.putJson("/api/v1/fee-scales/org-fee", scale.replace("v1", "v2").replace("4000", "3500"));
		Http.Answer second = partner("clsc-fee-2").postJson(REFERRALS, ExampleReferrals.someone()
			.replace("\"client\":", "\"targetOrganizationId\": \"org-fee\",\n  \"client\":"));

		assertThat(first.<Integer>json("$.fee.amountCents")).isEqualTo(4000);
		assertThat(first.<String>json("$.fee.scaleVersion")).isEqualTo("v1");
		assertThat(first.<Boolean>json("$.fee.lowFee")).isFalse();
		assertThat(second.<Integer>json("$.fee.amountCents")).isEqualTo(3500);
		assertThat(second.<String>json("$.fee.scaleVersion")).isEqualTo("v2");
		assertThat(this.http.putJson("/api/v1/fee-scales/org-fee", scale).status()).as("a version is used once")
			.isEqualTo(400);
	}

	@Test
	void scaleWithBracketsOutOfOrderIsRefusedFieldByField() {
		String scale = """
				{"id": "bad-scale", "version": "v1", "example": false,
				 "label": {"fr": "Barème", "en": "Scale"}, "organizationIds": [],
				 "lowFeeMaximumCents": -1,
				 "brackets": [{"annualIncomeUpTo": 30000, "feeCentsByDependents": [4000]},
				              {"annualIncomeUpTo": 20000, "feeCentsByDependents": [-5]}]}
				""";

		Http.Answer answer = this.http.putJson("/api/v1/fee-scales/bad-scale", scale, "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactlyInAnyOrder("lowFeeMaximumCents",
				"brackets[1].annualIncomeUpTo", "brackets[1].annualIncomeUpTo", "brackets[1].feeCentsByDependents");
		assertThat(answer.<List<String>>json("$.errors[*].message")).contains(
				"Only the last income bracket has no upper limit.", "Income brackets must be in ascending order.");
		assertThat(this.http.get("/api/v1/fee-scales/bad-scale").status()).isEqualTo(404);
	}

	@Test
	void notificationServiceReadsOnlyTheConsentedContactDetails() {
		String emailOnly = ExampleReferrals.someone().replace("\"sms\": true", "\"sms\": false");
		String id = partner("clsc-contact").postJson(REFERRALS, emailOnly).json("$.referralId");

		Http.Answer contact = this.anonymous.withToken(this.tokens.service("notification-service"))
			.get(REFERRALS + "/" + id + "/contact");

		assertThat(contact.status()).isEqualTo(200);
		assertThat(contact.<String>json("$.firstName")).isEqualTo("Marie-Ève");
		assertThat(contact.<String>json("$.email")).startsWith("marie-eve.").endsWith("@example.org");
		assertThat(contact.<String>json("$.mobilePhone")).isNull();
		assertThat(contact.<Boolean>json("$.consent.sms")).isFalse();
		assertThat(this.http
			.get("/api/v1/access-trail?from=" + java.time.LocalDate.now().minusDays(1) + "&to="
					+ java.time.LocalDate.now().plusDays(1))
			.body()).contains("READ_CONTACT");
	}

	@Test
	void invalidInboundReferralTellsThePartnerWhichFieldsFailedWithoutTheirValues() {
		String eventId = UUID.randomUUID().toString();
		var headers = ca.aiguillage.testing.KafkaProbe.cloudEventHeaders(eventId,
				EventCatalog.INBOUND_REFERRAL_V1.type(), "CLSC-BAD-9");
		String bad = ExampleReferrals.someone()
			.replace("H2M 1K5", "90210")
			.replace("\"partnerReference\": \"CLSC-AHU-2026-0142\"", "\"partnerReference\": \"CLSC-BAD-9\"");

		this.kafka.send(Topics.inboundOf("clsc-inbound"), "CLSC-BAD-9", bad, headers);
		this.kafka.send(Topics.inboundOf("clsc-inbound"), "CLSC-BAD-9", bad, headers);

		this.kafka.awaitEvent("error." + Topics.inboundOf("clsc-inbound") + ".referral-service", eventId);
		await().atMost(ofSeconds(20))
			.until(() -> this.kafka.hasConsumedEverything("referral-service", Topics.inboundOf("clsc-inbound")));
		List<WireRecord> rejected = await().atMost(ofSeconds(20))
			.until(() -> events("CLSC-BAD-9", EventCatalog.INBOUND_REFERRAL_REJECTED_V1.type()),
					records -> !records.isEmpty());
		assertThat(rejected).hasSize(1);
		assertThat(rejected.get(0).value())
			.contains("\"partnerId\":\"clsc-inbound\"", "client.postalCode", "INVALID_POSTALCODE")
			.doesNotContain("90210");
	}

	@Test
	void inboundReferralBreakingTheSchemaAlsoTellsThePartner() {
		String eventId = UUID.randomUUID().toString();
		var headers = ca.aiguillage.testing.KafkaProbe.cloudEventHeaders(eventId,
				EventCatalog.INBOUND_REFERRAL_V1.type(), "CLSC-SCHEMA-1");
		headers.put("ce_source", "clsc-someone-else");

		this.kafka.send(Topics.inboundOf("clsc-schema"), "CLSC-SCHEMA-1",
				ExampleReferrals.someone().replace("\"household\"", "\"housing\""), headers);

		this.kafka.awaitEvent("error." + Topics.inboundOf("clsc-schema") + ".referral-service", eventId);
		List<WireRecord> rejected = await().atMost(ofSeconds(20))
			.until(() -> events(eventId, EventCatalog.INBOUND_REFERRAL_REJECTED_V1.type()),
					records -> !records.isEmpty());
		assertThat(rejected.get(0).value()).contains("\"partnerId\":\"clsc-schema\"", "household", "SCHEMA_REQUIRED")
			.doesNotContain("Tremblay");
	}

	private Http partner(String partnerId) {
		return this.anonymous.withToken(this.tokens.partner(partnerId));
	}

	private static List<WireRecord> concat(List<WireRecord> first, List<WireRecord> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	private List<WireRecord> events(String key, String type) {
		return this.kafka.readAll(Topics.REFERRAL_EVENTS)
			.stream()
			.filter(record -> key.equals(record.key()))
			.filter(record -> type.equals(record.header("ce_type")))
			.toList();
	}

}

package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
@Import(FindCounts.Counting.class)
class ClosedReferralErasureIntegrationTests extends RunningService {

	@Autowired
	FindCounts finds;

	private static final String REFERRALS = "/api/v1/referrals";

	@Autowired
	MongoOperations mongo;

	@Autowired
	ClosedReferralErasure erasure;

	@Test
	void aReferralClosedLongerThanTheRetentionKeepsNoPersonalFieldButItsFigures() {
		String person = ExampleReferrals.someone();
		String id = closed(person);
		String lastName = person.substring(person.indexOf("Tremblay-"), person.indexOf("Tremblay-") + 17);

		this.erasure.runAt(fiveYearsAndADayFromNow());

		Document stored = stored(id);
		assertThat(stored).doesNotContainKeys("personalData", "nameAndBirthIndex", "emailIndex", "phoneIndex",
				"nameIndex", "birthIndex", "requestFingerprint");
		assertThat(stored.toJson()).doesNotContain(lastName, "Marie-Ève", "example.org", "+1514555", "H2M 1K5",
				"1991-04-12", "Anxiété", "CLSC-AHU-2026-0142", "24000");
		assertThat(this.mongo.getCollection("person_claims").find(new Document("referralId", id)).first()).isNull();
		Http.Answer figures = this.http.get(REFERRALS + "/" + id);
		assertThat(figures.<String>json("$.status")).isEqualTo("CLOSED");
		assertThat(figures.<List<String>>json("$.timeline[*].status")).containsExactly("SUBMITTED", "CLOSED");
		assertThat(stored.toJson()).contains("\"postalPrefix\": \"H2M\"", "COGNITIVE_BEHAVIOURAL");
		assertThat(this.http.get("/api/v1/admin/people/" + id + "/export").<String>json("$.erasedAt")).isNotNull();
	}

	@Test
	void aReferralClosedLessThanTheRetentionAgoAndAnOpenOneAreKept() {
		String closed = closed(ExampleReferrals.someone());
		String open = this.anonymous.withToken(this.tokens.partner("clsc-erasure"))
			.postJson(REFERRALS, ExampleReferrals.someone())
			.json("$.referralId");

		this.erasure.runAt(Instant.now().atZone(ZoneId.of("America/Toronto")).plusYears(4).toInstant());

		assertThat(stored(closed)).containsKey("personalData");
		this.erasure.runAt(fiveYearsAndADayFromNow());
		assertThat(stored(closed)).doesNotContainKey("personalData");
		assertThat(stored(open)).containsKey("personalData");
	}

	@Test
	void theNightlyRunReadsEachCandidateOnceWhenErasingIt() {
		closed(ExampleReferrals.someone());
		closed(ExampleReferrals.someone());
		List<String> closedStatuses = ReferralStatus.closed().stream().map(Enum::name).toList();
		long candidates = this.mongo
			.count(Query.query(Criteria.where("status").in(closedStatuses).and("erasedAt").is(null)), "referrals");
		this.finds.takeByIdOnThisThread("referrals");

		int erased = this.erasure.runAt(fiveYearsAndADayFromNow());

		assertThat(erased).isGreaterThanOrEqualTo(2);
		// One read by the conditional write that erases it, none to find what it holds.
		assertThat(this.finds.takeByIdOnThisThread("referrals")).isEqualTo(candidates);
	}

	@Test
	void administratorExportsWhatIsHeldAboutAPersonAndTheExportIsTrailed() {
		String id = this.anonymous.withToken(this.tokens.partner("clsc-erasure"))
			.postJson(REFERRALS, ExampleReferrals.someone())
			.json("$.referralId");

		Http.Answer export = this.http.get("/api/v1/admin/people/" + id + "/export");

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.<String>json("$.personalData.firstName")).isEqualTo("Marie-Ève");
		assertThat(export.<String>json("$.personalData.reason")).startsWith("Anxiété");
		assertThat(export.<String>json("$.request.partnerReference")).isEqualTo("CLSC-AHU-2026-0142");
		assertThat(export.<List<String>>json("$.timeline[*].status")).containsExactly("SUBMITTED");
		assertThat(export.<List<String>>json("$.accessTrail[*].purpose")).containsExactly("INTAKE", "ACCESS_REQUEST");
		assertThat(this.http
			.get("/api/v1/access-trail?from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1))
			.body()).contains("EXPORT," + id + ",ACCESS_REQUEST");
		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-erasure"))
			.get("/api/v1/admin/people/" + id + "/export")
			.status()).isEqualTo(403);
	}

	/** A referral whose therapy ended now. */
	private String closed(String person) {
		String id = this.anonymous.withToken(this.tokens.partner("clsc-erasure"))
			.postJson(REFERRALS, person)
			.json("$.referralId");
		new QueueEvents(this.kafka).publish(EventCatalog.THERAPY_ENDED_V1,
				new TherapyEndedV1(id, "t-1", Instant.now().plusSeconds(1)), UUID.randomUUID().toString());
		await().atMost(ofSeconds(20))
			.untilAsserted(
					() -> assertThat(this.http.get(REFERRALS + "/" + id).<String>json("$.status")).isEqualTo("CLOSED"));
		return id;
	}

	private Document stored(String id) {
		return this.mongo.getCollection("referrals").find(new Document("_id", id)).first();
	}

	private static Instant fiveYearsAndADayFromNow() {
		return Instant.now().atZone(ZoneId.of("America/Toronto")).plusYears(5).plusDays(1).toInstant();
	}

}

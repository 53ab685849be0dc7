package ca.aiguillage.waitlist.queue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every open referral has an owner: referrals no organization holds wait in a network
 * queue every coordinator sees, a referral that moved stays readable where it was, and a
 * crisis redirection stays flagged until someone records a follow-up.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class NetworkQueueIntegrationTests extends RunningService {

	static final String QUEUE = "/api/v1/queue";

	@Test
	void selfReferralWithNoPlaceIsInEveryCoordinatorsNetworkQueueUntilOneTakesIt() {
		String id = selfReferralWithNoPlace();
		String taking = newOrganization();
		Http laval = coordinator(taking);
		Http outaouais = coordinator("org-outaouais");
		await().atMost(ofSeconds(20)).until(() -> networkIds(laval).contains(id));
		assertThat(networkIds(outaouais)).contains(id);
		assertThat(inQueue(laval, id)).isFalse();
		assertThat(outaouais.get(QUEUE + "/" + id).<String>json("$.access")).isEqualTo("NETWORK");
		assertThat(outaouais.get(QUEUE + "/" + id).<List<String>>json("$.actions")).containsExactly("taking");

		Http.Answer taken = laval.postJson(QUEUE + "/" + id + "/taking", "{}", "If-Match", etag(laval, id));

		assertThat(taken.status()).as(taken.body()).isEqualTo(200);
		assertThat(taken.<String>json("$.organizationId")).isEqualTo(taking);
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.REFERRAL_TAKEN_V1, id), records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"organizationId\":\"" + taking + "\"");
		assertThat(inQueue(laval, id)).isTrue();
		assertThat(networkIds(laval)).doesNotContain(id);
		assertThat(outaouais.get(QUEUE + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void referralHeldByAnOrganizationCannotBeTakenByAnother() {
		String id = selfReferralWithNoPlace();
		Http laval = coordinator("org-laval");
		await().atMost(ofSeconds(20)).until(() -> networkIds(laval).contains(id));
		assertThat(laval.postJson(QUEUE + "/" + id + "/taking", "{}", "If-Match", etag(laval, id)).status())
			.isEqualTo(200);

		Http outaouais = coordinator("org-outaouais");
		Http.Answer again = outaouais.postJson(QUEUE + "/" + id + "/taking", "{}", "If-Match", etag(laval, id));

		assertThat(again.status()).isEqualTo(404);
		assertThat(this.http.get(QUEUE + "/" + id).<String>json("$.referral.organizationId")).isEqualTo("org-laval");
	}

	@Test
	void administratorTakesANetworkReferralOnlyIntoANamedOrganization() {
		String id = selfReferralWithNoPlace();
		await().atMost(ofSeconds(20)).until(() -> networkIds(this.http).contains(id));

		Http.Answer unnamed = this.http.postJson(QUEUE + "/" + id + "/taking", "{}", "If-Match", etag(this.http, id));
		Http.Answer named = this.http.postJson(QUEUE + "/" + id + "/taking", "{\"organizationId\":\"org-outaouais\"}",
				"If-Match", etag(this.http, id));

		assertThat(unnamed.status()).isEqualTo(400);
		assertThat(unnamed.body()).contains("organizationId");
		assertThat(named.status()).isEqualTo(200);
		assertThat(named.<String>json("$.organizationId")).isEqualTo("org-outaouais");
	}

	@Test
	void referralMovedToAnotherOrganizationStaysReadOnlyForTheOneThatHadItSayingWhereItWent() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		Wire.publish(this.kafka, proposal(id, "p-laval-" + id, "org-laval", Instant.now().minusSeconds(60)));
		Http laval = coordinator("org-laval");
		await().atMost(ofSeconds(20))
			.until(() -> laval.get(QUEUE + "/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);

		Wire.publish(this.kafka, proposal(id, "p-outaouais-" + id, "org-outaouais", Instant.now()));

		await().atMost(ofSeconds(20))
			.until(() -> laval.get(QUEUE + "/" + id), answer -> "FORMER".equals(answer.json("$.access")));
		Http.Answer read = laval.get(QUEUE + "/" + id);
		assertThat(read.<String>json("$.referral.organizationId")).isEqualTo("org-outaouais");
		assertThat(read.<List<String>>json("$.actions")).isEmpty();
		assertThat(laval.postJson(QUEUE + "/" + id + "/confirmation", "{}", "If-Match", etag(laval, id)).status())
			.isEqualTo(404);
		assertThat(coordinator("org-outaouais").get(QUEUE + "/" + id).<String>json("$.access")).isEqualTo("HOLDER");
		assertThat(coordinator("org-montreal-nord").get(QUEUE + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void crisisRedirectionIsFlaggedToItsOrganizationUntilSomeoneRecordsAFollowUpWithANote() {
		String id = UUID.randomUUID().toString();
		String organization = newOrganization();
		Wire.publish(this.kafka, redirected(id, organization));
		Http laval = coordinator(organization);
		await().atMost(ofSeconds(20)).until(() -> inQueue(laval, id));
		Http.Answer flagged = laval.get(QUEUE + "?referralId=" + id);
		assertThat(flagged.<List<String>>json("$.items[0].reviewCauses")).containsExactly("CRISIS_FOLLOW_UP");
		assertThat(flagged.<String>json("$.items[0].status")).isEqualTo("REDIRECTED");

		Http.Answer withoutNote = laval.postJson(QUEUE + "/" + id + "/follow-up", "{}", "If-Match", etag(laval, id));
		assertThat(withoutNote.status()).isEqualTo(400);
		assertThat(inQueue(laval, id)).isTrue();

		Http.Answer recorded = laval.postJson(QUEUE + "/" + id + "/follow-up",
				"{\"reason\":\"Appel fait, la personne a joint le 811\"}", "If-Match", etag(laval, id));

		assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
		assertThat(recorded.<List<String>>json("$.reviewCauses")).isEmpty();
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.FOLLOW_UP_RECORDED_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).doesNotContain("joint le 811").doesNotContain("Appel fait");
		assertThat(inQueue(laval, id)).isFalse();
		assertThat(laval.get(QUEUE + "/" + id).<List<String>>json("$.timeline[*].reason"))
			.contains("Appel fait, la personne a joint le 811");
	}

	@Test
	void crisisRedirectionWithoutAnOrganizationIsInTheNetworkQueueForEveryCoordinator() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, redirected(id, null));
		Http outaouais = coordinator("org-outaouais");

		await().atMost(ofSeconds(20)).until(() -> networkIds(outaouais).contains(id));

		assertThat(outaouais.get(QUEUE + "/" + id).<List<String>>json("$.actions")).containsExactly("follow-up");
		assertThat(outaouais
			.postJson(QUEUE + "/" + id + "/follow-up", "{\"reason\":\"Rappel fait\"}", "If-Match", etag(outaouais, id))
			.status()).isEqualTo(200);
		assertThat(networkIds(coordinator("org-laval"))).doesNotContain(id);
	}

	@Test
	void coordinatorWithoutAnOrganizationSeesNoNetworkQueue() {
		String id = selfReferralWithNoPlace();
		await().atMost(ofSeconds(20)).until(() -> networkIds(this.http).contains(id));

		Http.Answer unmapped = this.anonymous.withToken(this.tokens.coordinatorWithoutOrganization())
			.get(QUEUE + "/network");

		assertThat(unmapped.status()).isIn(200, 401);
		if (unmapped.status() == 200) {
			assertThat(unmapped.<List<String>>json("$.items")).isEmpty();
		}
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic")).get(QUEUE + "/network").status())
			.isEqualTo(403);
	}

	private String selfReferralWithNoPlace() {
		String id = UUID.randomUUID().toString();
		ReferralSubmittedV1 template = QueueEntryTests.submitted(id);
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, Instant.now().minusSeconds(3600), IntakeChannel.SELF_REFERRAL, null, null,
						"fr", template.languages(), template.clientele(), template.approaches(), false,
						template.modality(), template.availability(), null, "H2M", List.of(), null, null));
		Wire.publish(this.kafka, new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 12, Instant.now()));
		return id;
	}

	private static ReferralRedirectedV1 redirected(String id, String organizationId) {
		return new ReferralRedirectedV1(id, null, organizationId, "fr", List.of(ContactChannel.SMS), Instant.now());
	}

	private static ProposalMadeV1 proposal(String id, String proposalId, String organizationId, Instant at) {
		return new ProposalMadeV1(id, proposalId, "t-" + organizationId, organizationId, Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0), at, "Camille",
				"Centre");
	}

	private Http coordinator(String organizationId) {
		return this.anonymous.withToken(this.tokens.coordinator(organizationId));
	}

	/** Every referral of the network queue the caller sees, page after page. */
	private static List<String> networkIds(Http caller) {
		List<String> ids = new ArrayList<>();
		for (int page = 0;; page++) {
			Http.Answer answer = caller.get(QUEUE + "/network?size=200&page=" + page);
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			List<String> items = answer.json("$.items[*].referralId");
			ids.addAll(items);
			if (items.size() < 200) {
				return ids;
			}
		}
	}

	/** Whether the referral is in the caller's own queue, as it shows by default. */
	private static boolean inQueue(Http caller, String id) {
		return caller.get(QUEUE + "?size=200").<List<String>>json("$.items[*].referralId").contains(id);
	}

	/** An organization of its own, whose queue holds only what the test puts in it. */
	private static String newOrganization() {
		return "org-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String etag(Http caller, String id) {
		Http.Answer answer = caller.get(QUEUE + "/" + id);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.header("etag");
	}

}

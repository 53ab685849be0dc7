package ca.aiguillage.matching.proposal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.matching.MatchingWire;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The therapists a coordinator may choose instead of matching's proposal, each with the
 * hard constraints matching finds it breaks.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class OverrideCandidatesIntegrationTests extends RunningService {

	@Test
	void candidatesAreTheOrganizationsTherapistsWithAFreePlaceFittingFirstWithTheConstraintsTheyBreak() {
		String organization = "org-ov-001";
		String proposed = put(organization, "held", MatchingWire.therapist(organization).put("places", 1));
		ObjectNode referral = MatchingWire.referral(organization);
		MatchingWire.submit(this.kafka, referral, UUID.randomUUID().toString());
		assertThat(JsonPath.<String>read(
				MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.PROPOSAL_MADE_V1.type()).value(),
				"$.therapistId"))
			.isEqualTo(proposed);
		String fits = put(organization, "fits", MatchingWire.therapist(organization).put("firstName", "Béatrice"));
		String wednesdays = put(organization, "wed",
				MatchingWire.therapist(organization)
					.set("availability", MatchingWire.JSON
						.valueToTree(List.of(Map.of("day", "WEDNESDAY", "start", "10:00", "end", "12:00")))));
		String vietnamese = put(organization, "vi",
				MatchingWire.therapist(organization)
					.put("places", 3)
					.<ObjectNode>set("languages", MatchingWire.JSON.valueToTree(List.of("vi")))
					// Without the wanted approach: a lower score than the Wednesday one.
					.set("approaches", MatchingWire.JSON.valueToTree(List.of("PSYCHODYNAMIC"))));
		put(organization, "full", MatchingWire.therapist(organization).put("places", 0));
		put(organization, "leave", MatchingWire.therapist(organization).put("active", false));
		put("org-ov-002", "other", MatchingWire.therapist("org-ov-002"));

		Http.Answer answer = this.anonymous.withToken(this.tokens.coordinator(organization))
			.get("/api/v1/referrals/" + MatchingWire.id(referral) + "/override-candidates");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.<List<String>>json("$[*].therapistId")).containsExactly(fits, wednesdays, vietnamese);
		assertThat(answer.<List<List<String>>>json("$[*].constraintsBroken")).containsExactly(List.of(),
				List.of("COMMON_SLOT"), List.of("SHARED_LANGUAGE"));
		assertThat(answer.<String>json("$[0].name")).isEqualTo("Béatrice");
		assertThat(answer.<String>json("$[0].organizationId")).isEqualTo(organization);
		assertThat(answer.<List<Integer>>json("$[*].freePlaces")).containsExactly(2, 2, 3);
	}

	@Test
	void anotherOrganizationsCoordinatorFindsNoSuchReferralAndAnAdministratorSeesItsCandidates() {
		String organization = "org-ov-003";
		put(organization, "held", MatchingWire.therapist(organization).put("places", 1));
		ObjectNode referral = MatchingWire.referral(organization);
		MatchingWire.submit(this.kafka, referral, UUID.randomUUID().toString());
		MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.PROPOSAL_MADE_V1.type());
		String other = put(organization, "other", MatchingWire.therapist(organization));
		String path = "/api/v1/referrals/" + MatchingWire.id(referral) + "/override-candidates";

		Http.Answer elsewhere = this.anonymous.withToken(this.tokens.coordinator("org-ov-002")).get(path);
		Http.Answer admin = this.http.get(path);
		Http.Answer unknown = this.anonymous.withToken(this.tokens.coordinator(organization))
			.get("/api/v1/referrals/" + UUID.randomUUID() + "/override-candidates");

		assertThat(elsewhere.status()).isEqualTo(404);
		assertThat(elsewhere.body()).doesNotContain(other);
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.<List<String>>json("$[*].therapistId")).containsExactly(other);
		assertThat(unknown.status()).isEqualTo(404);
	}

	private String put(String organization, String name, ObjectNode profile) {
		return MatchingWire.put(this.http, organization + "-" + name, profile);
	}

}

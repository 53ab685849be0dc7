package ca.aiguillage.matching.proposal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.matching.MatchingWire;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A coordinator's choice that cannot be applied is announced as refused, with its reason,
 * and the referral keeps its proposal.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class OverrideRefusalIntegrationTests extends RunningService {

	@Test
	void overrideToATherapistWithoutAFreePlaceIsAnnouncedRefusedAndTheProposalAgain() {
		String organization = "org-ov-004";
		String full = put(organization, "full", MatchingWire.therapist(organization).put("places", 1));
		ObjectNode occupant = proposed(organization);
		String proposedTo = put(organization, "held", MatchingWire.therapist(organization).put("places", 1));
		ObjectNode referral = proposed(organization);

		override(referral, full);

		WireRecord refused = awaitRefusal(referral);
		assertThat(refused.header("ce_subject")).isEqualTo(MatchingWire.id(referral));
		assertThat(JsonPath.<String>read(refused.value(), "$.therapistId")).isEqualTo(full);
		assertThat(JsonPath.<String>read(refused.value(), "$.reasonCode")).isEqualTo("NO_FREE_PLACE");
		List<String> types = await().atMost(ofSeconds(30))
			.until(() -> types(referral),
					all -> all.stream().filter(EventCatalog.PROPOSAL_MADE_V1.type()::equals).count() == 2);
		// The refusal comes first: the queue reads it, then the proposal that stands.
		assertThat(types).containsExactly(EventCatalog.PROPOSAL_MADE_V1.type(), EventCatalog.OVERRIDE_REFUSED_V1.type(),
				EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(MatchingWire.outcomes(this.kafka, MatchingWire.id(referral)).get(2).value(),
				"$.therapistId"))
			.isEqualTo(proposedTo);
		assertThat(types(occupant)).doesNotContain(EventCatalog.OVERRIDE_REFUSED_V1.type());
	}

	@Test
	void overrideToATherapistOfAnotherOrganizationIsRefusedSayingSo() {
		String organization = "org-ov-005";
		put(organization, "held", MatchingWire.therapist(organization));
		String elsewhere = put("org-ov-006", "other", MatchingWire.therapist("org-ov-006"));
		ObjectNode referral = proposed(organization);

		override(referral, elsewhere);

		assertThat(JsonPath.<String>read(awaitRefusal(referral).value(), "$.reasonCode"))
			.isEqualTo("OTHER_ORGANIZATION");
	}

	@Test
	void overrideToATherapistOnLeaveOrUnknownIsRefusedSayingWhich() {
		String organization = "org-ov-007";
		put(organization, "held", MatchingWire.therapist(organization));
		String onLeave = put(organization, "leave", MatchingWire.therapist(organization).put("active", false));
		ObjectNode referral = proposed(organization);

		override(referral, onLeave);
		override(referral, organization + "-nobody");

		List<String> reasons = await().atMost(ofSeconds(30))
			.until(() -> MatchingWire.outcomes(this.kafka, MatchingWire.id(referral))
				.stream()
				.filter(r -> EventCatalog.OVERRIDE_REFUSED_V1.type().equals(r.header("ce_type")))
				.map(r -> JsonPath.<String>read(r.value(), "$.reasonCode"))
				.toList(), all -> all.size() == 2);
		assertThat(reasons).containsExactly("THERAPIST_INACTIVE", "THERAPIST_UNKNOWN");
	}

	private ObjectNode proposed(String organization) {
		ObjectNode referral = MatchingWire.referral(organization);
		MatchingWire.submit(this.kafka, referral, UUID.randomUUID().toString());
		MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.PROPOSAL_MADE_V1.type());
		return referral;
	}

	private void override(ObjectNode referral, String therapistId) {
		MatchingWire.decide(this.kafka, EventCatalog.PROPOSAL_OVERRIDDEN_V1.type(), MatchingWire.id(referral),
				UUID.randomUUID().toString(), Map.of("referralId", MatchingWire.id(referral), "therapistId",
						therapistId, "brokenConstraints", List.of(), "overriddenAt", "2026-11-21T09:00:00Z"));
	}

	private WireRecord awaitRefusal(ObjectNode referral) {
		return MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.OVERRIDE_REFUSED_V1.type());
	}

	private List<String> types(ObjectNode referral) {
		return MatchingWire.outcomes(this.kafka, MatchingWire.id(referral))
			.stream()
			.map(record -> record.header("ce_type"))
			.toList();
	}

	private String put(String organization, String name, ObjectNode profile) {
		return MatchingWire.put(this.http, organization + "-" + name, profile);
	}

}

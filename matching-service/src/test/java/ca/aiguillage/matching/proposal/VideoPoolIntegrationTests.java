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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network's video pool through the real broker and database: a client whose own
 * organization has no free place in their language is offered a video place of an
 * organization that opted in, at their own organization's fee. Each test has its own
 * organizations and a language no other test's therapists speak.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv",
		"matching.organizations.org-vp-b1.video-pool=true", "matching.organizations.org-vp-c2.video-pool=false",
		"matching.organizations.org-vp-b3.video-pool=true", "matching.organizations.org-vp-b4.video-pool=true" })
class VideoPoolIntegrationTests extends RunningService {

	@Test
	void clientWithoutAPlaceInTheirLanguageAtHomeIsProposedAVideoPlaceOfAnOrganizationInThePoolAtTheHomeFee() {
		put("org-vp-a1", List.of("fr"), List.of("IN_PERSON", "VIDEO"));
		String host = put("org-vp-b1", List.of("so"), List.of("VIDEO"));
		ObjectNode referral = referral("org-vp-a1", "so", "EITHER");

		submit(referral);

		WireRecord proposal = MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(host);
		assertThat(JsonPath.<String>read(proposal.value(), "$.organizationId")).isEqualTo("org-vp-b1");
		assertThat(JsonPath.<String>read(proposal.value(), "$.organizationName")).isEqualTo("Organisme hôte 1");
		assertThat(JsonPath.<String>read(proposal.value(), "$.modality")).isEqualTo("VIDEO");
		assertThat(JsonPath.<List<String>>read(proposal.value(), "$.explanation.constraintsMet")).contains("VIDEO_POOL")
			.doesNotContain("TARGET_ORGANIZATION");
		assertThat(JsonPath.<Map<String, Object>>read(proposal.value(), "$.explanation.videoPool"))
			.containsEntry("homeOrganizationId", "org-vp-a1")
			.containsEntry("language", "so");
		assertThat(JsonPath.<Map<String, Object>>read(proposal.value(), "$.explanation.videoPool.fee"))
			.isEqualTo(JsonPath.<Map<String, Object>>read(MatchingWire.JSON.writeValueAsString(referral), "$.fee"));
		assertThat(freePlaces(host)).isEqualTo(1);
	}

	@Test
	void clientWaitsWhenTheOrganizationWithAPlaceInTheirLanguageHasNotJoinedThePool() {
		put("org-vp-a2", List.of("fr"), List.of("IN_PERSON", "VIDEO"));
		String outside = put("org-vp-c2", List.of("ti"), List.of("VIDEO"));
		ObjectNode referral = referral("org-vp-a2", "ti", "EITHER");

		submit(referral);

		WireRecord noMatch = MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.NO_MATCH_FOUND_V1.type());
		assertThat(JsonPath.<List<String>>read(noMatch.value(), "$.reasons")).containsExactly("NO_SHARED_LANGUAGE");
		assertThat(types(referral)).doesNotContain(EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(freePlaces(outside)).isEqualTo(2);
	}

	@Test
	void clientWhoDoesNotAcceptVideoWaitsForAPlaceAtHome() {
		put("org-vp-a3", List.of("fr"), List.of("IN_PERSON", "VIDEO"));
		String host = put("org-vp-b3", List.of("am"), List.of("IN_PERSON", "VIDEO"));
		ObjectNode referral = referral("org-vp-a3", "am", "IN_PERSON");

		submit(referral);

		MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.NO_MATCH_FOUND_V1.type());
		assertThat(types(referral)).doesNotContain(EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(freePlaces(host)).isEqualTo(2);
	}

	@Test
	void videoTherapistJoiningAnOrganizationInThePoolIsProposedAtOnceToAClientWaitingElsewhere() {
		put("org-vp-a4", List.of("fr"), List.of("IN_PERSON", "VIDEO"));
		ObjectNode referral = referral("org-vp-a4", "ha", "VIDEO");
		submit(referral);
		MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.NO_MATCH_FOUND_V1.type());

		String host = put("org-vp-b4", List.of("ha"), List.of("VIDEO"));

		WireRecord proposal = MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(host);
		assertThat(JsonPath.<String>read(proposal.value(), "$.explanation.videoPool.homeOrganizationId"))
			.isEqualTo("org-vp-a4");
	}

	private String put(String organization, List<String> languages, List<String> modalities) {
		ObjectNode profile = MatchingWire.therapist(organization);
		profile.set("languages", MatchingWire.JSON.valueToTree(languages));
		profile.set("modalities", MatchingWire.JSON.valueToTree(modalities));
		return MatchingWire.put(this.http, organization, profile);
	}

	/** The contract's fixture, of one organization, in one language and modality. */
	private static ObjectNode referral(String organization, String language, String modality) {
		ObjectNode referral = MatchingWire.referral(organization);
		referral.put("preferredLanguage", language);
		referral.set("languages", MatchingWire.JSON.valueToTree(List.of(language)));
		referral.put("modality", modality);
		return referral;
	}

	private void submit(ObjectNode referral) {
		MatchingWire.submit(this.kafka, referral, UUID.randomUUID().toString());
	}

	private List<String> types(ObjectNode referral) {
		return MatchingWire.outcomes(this.kafka, MatchingWire.id(referral))
			.stream()
			.map(record -> record.header("ce_type"))
			.toList();
	}

	private int freePlaces(String therapistId) {
		return this.http.get("/api/v1/therapists/" + therapistId).json("$.freePlaces");
	}

}

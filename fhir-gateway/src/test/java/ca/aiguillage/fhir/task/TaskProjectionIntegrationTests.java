package ca.aiguillage.fhir.task;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway booted on the real broker and the embedded MongoDB: the Task projection fed
 * by the events other services publish, and the FHIR answers partners get.
 */
@ServiceIntegrationTest
// Nothing listens there: a request that reached referral-service would get 503, not 400.
@TestPropertySource(properties = { "spring.config.name=fhir-gateway", "fhir.referral-service=http://127.0.0.1:9" })
class TaskProjectionIntegrationTests extends RunningService {

	private static final EventJson JSON = new EventJson();

	private static final Instant SUBMITTED = Instant.parse("2026-11-20T14:03:00Z");

	Http ahuntsic;

	Http laval;

	@BeforeEach
	void partners() {
		this.ahuntsic = this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic"));
		this.laval = this.anonymous.withToken(this.tokens.partner("gasm-laval"));
	}

	@Test
	void taskFollowsTheTimelineToAcceptedWhateverTheOrderEventsArriveIn() {
		String id = UUID.randomUUID().toString();

		publish(new ProposalConfirmedV1(id, "p-1", "t-07", ProposalConfirmedV1.DecidedBy.CLIENT,
				SUBMITTED.plusSeconds(300)));
		publish(submitted(id, "clsc-ahuntsic"));
		publish(proposal(id));
		// Late and older than the confirmation: it must not move the Task back.
		publish(new WaitlistedV1(id, SUBMITTED, SUBMITTED.plusSeconds(1)));

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer task = this.ahuntsic.get("/fhir/Task/" + id);
			assertThat(task.status()).isEqualTo(200);
			assertThat(task.<String>json("$.status")).isEqualTo("accepted");
			assertThat(task.<String>json("$.businessStatus.coding[0].code")).isEqualTo("accepted");
			assertThat(task.<String>json("$.owner.reference")).isEqualTo("Organization/org-laval");
			assertThat(task.<String>json("$.basedOn[0].reference")).isEqualTo("ServiceRequest/" + id);
		});
		publish(new WaitlistedV1(id, SUBMITTED, SUBMITTED.plusSeconds(2)));
		await().during(ofSeconds(1))
			.atMost(ofSeconds(5))
			.untilAsserted(() -> assertThat(this.ahuntsic.get("/fhir/Task/" + id).<String>json("$.status"))
				.isEqualTo("accepted"));
	}

	@Test
	void clientWhoNoLongerNeedsTheServiceClosesTheTaskWithItsOwnBusinessStatus() {
		String id = UUID.randomUUID().toString();
		publish(submitted(id, "clsc-ahuntsic"));
		publish(new WaitlistedV1(id, SUBMITTED, SUBMITTED.plusSeconds(1)));

		publish(new ReferralLeftQueueV2(id, ReferralLeftQueueV2.Outcome.NO_LONGER_NEEDED,
				ReferralLeftQueueV2.ClosedBy.CLIENT, SUBMITTED.plusSeconds(600)));

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer task = this.ahuntsic.get("/fhir/Task/" + id);
			assertThat(task.<String>json("$.status")).isEqualTo("cancelled");
			assertThat(task.<String>json("$.businessStatus.coding[0].code")).isEqualTo("no-longer-needed");
		});
	}

	@Test
	void exitPublishedBeforeTheSecondVersionStillMovesTheTask() {
		String id = UUID.randomUUID().toString();
		publish(submitted(id, "clsc-ahuntsic"));

		publish(new ReferralLeftQueueV1(id, ReferralLeftQueueV1.Outcome.UNREACHABLE, SUBMITTED.plusSeconds(600)));

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer task = this.ahuntsic.get("/fhir/Task/" + id);
			assertThat(task.<String>json("$.status")).isEqualTo("failed");
			assertThat(task.<String>json("$.businessStatus.coding[0].code")).isEqualTo("unreachable");
		});
	}

	@Test
	void anotherPartnersTaskReadsLikeAnUnknownOne() {
		String id = UUID.randomUUID().toString();
		publish(submitted(id, "clsc-ahuntsic"));
		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(this.ahuntsic.get("/fhir/Task/" + id).status()).isEqualTo(200));

		Http.Answer theirs = this.laval.get("/fhir/Task/" + id);
		Http.Answer unknown = this.laval.get("/fhir/Task/" + UUID.randomUUID());

		assertThat(theirs.status()).isEqualTo(404);
		assertThat(theirs.body()).isEqualTo(unknown.body());
		assertThat(theirs.<String>json("$.resourceType")).isEqualTo("OperationOutcome");
		assertThat(theirs.<String>json("$.issue[0].code")).isEqualTo("not-found");
		assertThat(this.laval.get("/fhir/Task?based-on=ServiceRequest/" + id).<Integer>json("$.total")).isZero();
	}

	@Test
	void searchFindsThePartnersTasksByServiceRequestOwnerAndLastUpdated() {
		String proposed = UUID.randomUUID().toString();
		String received = UUID.randomUUID().toString();
		String laval = UUID.randomUUID().toString();
		Instant before = Instant.now().minusSeconds(1);
		publish(submitted(proposed, "clsc-ahuntsic"));
		publish(proposal(proposed));
		publish(submitted(received, "clsc-ahuntsic"));
		publish(submitted(laval, "gasm-laval"));
		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.ahuntsic.get("/fhir/Task/" + proposed).<String>json("$.businessStatus.coding[0].code"))
				.isEqualTo("proposed");
			assertThat(this.ahuntsic.get("/fhir/Task/" + received).status()).isEqualTo(200);
			assertThat(this.laval.get("/fhir/Task/" + laval).status()).isEqualTo(200);
		});

		assertThat(ids("/fhir/Task?based-on=ServiceRequest/" + proposed)).containsExactly(proposed);
		assertThat(ids("/fhir/Task?owner=Organization/org-laval")).contains(proposed).doesNotContain(received, laval);
		assertThat(ids("/fhir/Task?_lastUpdated=gt" + before)).contains(proposed, received).doesNotContain(laval);
		assertThat(ids("/fhir/Task?_lastUpdated=gt" + Instant.now().plusSeconds(3600))).isEmpty();
		Http.Answer searchset = this.ahuntsic.get("/fhir/Task?based-on=ServiceRequest/" + proposed);
		assertThat(searchset.<String>json("$.type")).isEqualTo("searchset");
		assertThat(searchset.<String>json("$.entry[0].fullUrl"))
			.matches("http://127\\.0\\.0\\.1:\\d+/fhir/Task/" + proposed);
		assertThat(searchset.header("Content-Type")).startsWith("application/fhir+json");
	}

	@Test
	void unsupportedSearchIsAnOperationOutcomeInFrenchOrEnglish() {
		Http.Answer french = this.ahuntsic.get("/fhir/Task?patient=Patient/1");
		Http.Answer english = this.ahuntsic.get("/fhir/Task?_lastUpdated=2026", "Accept-Language", "en");

		assertThat(french.status()).isEqualTo(400);
		assertThat(french.<String>json("$.issue[0].details.text")).contains("paramètre de recherche");
		assertThat(english.status()).isEqualTo(400);
		assertThat(english.<String>json("$.issue[0].expression[0]")).isEqualTo("_lastUpdated");
		assertThat(english.<String>json("$.issue[0].details.text")).startsWith("_lastUpdated takes a prefix");
	}

	@Test
	void metadataIsACapabilityStatementInJsonOrXml() {
		Http.Answer json = this.ahuntsic.get("/fhir/metadata");
		Http.Answer xml = this.ahuntsic.get("/fhir/metadata?_format=xml");
		Http.Answer accepted = this.ahuntsic.get("/fhir/metadata", "Accept", "application/fhir+xml");

		assertThat(json.status()).isEqualTo(200);
		assertThat(json.<String>json("$.resourceType")).isEqualTo("CapabilityStatement");
		assertThat(json.<String>json("$.fhirVersion")).isEqualTo("4.0.1");
		assertThat(json.<List<String>>json("$.rest[0].resource[0].searchParam[*].name")).containsExactly("based-on",
				"owner", "_lastUpdated");
		assertThat(xml.header("Content-Type")).startsWith("application/fhir+xml");
		assertThat(xml.body()).contains("<CapabilityStatement xmlns=\"http://hl7.org/fhir\">");
		assertThat(accepted.body()).isEqualTo(xml.body());
		assertThat(this.anonymous.get("/fhir/metadata").status()).isEqualTo(401);
	}

	@Test
	void smartConfigurationIsPublicAndNamesTheTokenEndpointAndPrivateKeyJwt() {
		Http.Answer smart = this.anonymous.get("/fhir/.well-known/smart-configuration");

		assertThat(smart.status()).isEqualTo(200);
		assertThat(smart.<String>json("$.token_endpoint")).endsWith("/oauth2/token");
		assertThat(smart.<List<String>>json("$.token_endpoint_auth_methods_supported")).contains("private_key_jwt");
		assertThat(smart.<List<String>>json("$.token_endpoint_auth_signing_alg_values_supported"))
			.containsExactly("RS384");
		assertThat(smart.<List<String>>json("$.capabilities")).contains("client-confidential-asymmetric");
		assertThat(this.anonymous.get("/fhir/Task").status()).isEqualTo(401);
	}

	@Test
	void invalidBundleGetsAnOperationOutcomeNamingTheElementAndReachesNoService() {
		String bundle = Fixtures.repositoryFile("examples/fhir/referral-bundle.json")
			.replace("\"code\": \"ADULT\"", "\"code\": \"ELDERLY\"");

		Http.Answer french = this.ahuntsic.postJson("/fhir", bundle);
		Http.Answer english = this.ahuntsic.postJson("/fhir", bundle, "Accept-Language", "en");
		Http.Answer coordinator = this.anonymous.withToken(this.tokens.coordinator("org-laval"))
			.postJson("/fhir", Fixtures.repositoryFile("examples/fhir/referral-bundle.json"));

		assertThat(french.status()).isEqualTo(400);
		assertThat(french.<String>json("$.resourceType")).isEqualTo("OperationOutcome");
		assertThat(french.<List<String>>json("$.issue[*].expression[0]"))
			.anyMatch(element -> element.startsWith("Bundle.entry[5].resource"));
		assertThat(french.<String>json("$.issue[0].details.text")).contains("n'est pas conforme");
		assertThat(english.<String>json("$.issue[0].details.text")).contains("does not conform");
		assertThat(coordinator.status()).isEqualTo(403);
	}

	private List<String> ids(String search) {
		Http.Answer answer = this.ahuntsic.get(search);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return (answer.<Integer>json("$.total") == 0) ? List.of() : answer.json("$.entry[*].resource.id");
	}

	private void publish(Object data) {
		EventDefinition<?> definition = EventCatalog.of(data);
		String subject = definition.subjectOf(data);
		this.kafka.send(definition.topic(), subject, JSON.write(data),
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), definition.type(), subject));
	}

	private static ReferralSubmittedV1 submitted(String id, String partnerId) {
		return new ReferralSubmittedV1(id, SUBMITTED, IntakeChannel.PARTNER_API, partnerId, null, "fr",
				List.of("fr", "es"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(), null, null);
	}

	private static ProposalMadeV1 proposal(String id) {
		return new ProposalMadeV1(id, "p-1", "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0),
				SUBMITTED.plusSeconds(2), "Camille", "Centre St-Pierre");
	}

}

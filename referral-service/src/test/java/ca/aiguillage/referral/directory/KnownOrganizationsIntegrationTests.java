package ca.aiguillage.referral.directory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.referral.intake.ExampleReferrals;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.PageForm;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A referral names only an organization of the network: one configured, or one matching's
 * directory has named. A well-formed unknown id is refused at every door, naming the
 * field, with nothing stored.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class KnownOrganizationsIntegrationTests extends RunningService {

	private static final String UNKNOWN = "org-inconnue";

	private static final String PARTNER = "clsc-inbound";

	@Autowired
	MongoOperations mongo;

	@Value("${local.server.port}")
	int port;

	@Test
	void partnerApiRefusesAnUnknownOrganizationWithAFrenchProblemNamingTheField() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-directory"));

		Http.Answer answer = nothingStored(() -> partner.postJson("/api/v1/referrals", sentTo(UNKNOWN)));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Requête invalide");
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("targetOrganizationId");
		assertThat(answer.<List<String>>json("$.errors[*].message"))
			.containsExactly("Cet organisme ne fait pas partie du réseau : choisissez un organisme membre "
					+ "ou laissez le champ vide.");
	}

	@Test
	void problemIsInEnglishWhenAskedFor() {
		Http.Answer answer = this.anonymous.withToken(this.tokens.partner("clsc-directory"))
			.postJson("/api/v1/referrals", sentTo(UNKNOWN), "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].message")).containsExactly(
				"This organization is not a member of the network: choose a member organization or leave the field empty.");
	}

	@Test
	void selfReferralEndpointRefusesAnUnknownOrganization() {
		Http.Answer answer = nothingStored(() -> {
			Http.Answer csrf = this.anonymous.get("/api/v1/self-referrals/csrf");
			return this.anonymous.postJson("/api/v1/self-referrals", sentTo(UNKNOWN), "Cookie",
					csrf.header("Set-Cookie").split(";")[0], csrf.json("$.headerName"), csrf.json("$.token"));
		});

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("targetOrganizationId");
	}

	@Test
	void selfReferralPageRefusesAnUnknownOrganizationSlippedIntoItsForm() {
		PageForm page = PageForm.open(this.port, "/self-referral");
		Map<String, List<String>> fields = ExampleReferrals.someoneAsForm();
		fields.put("targetOrganizationId", List.of(UNKNOWN));

		Http.Answer answer = nothingStored(() -> page.post("/self-referral", fields));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("Cet organisme ne fait pas partie du réseau");
	}

	@Test
	void inboundReferralToAnUnknownOrganizationGoesToThePartnersDeadLetterTopicNamingTheField() {
		String eventId = UUID.randomUUID().toString();
		long before = this.mongo.count(new Query(), "referrals");

		this.kafka.send(Topics.inboundOf(PARTNER), "DIR-1", sentTo(UNKNOWN),
				KafkaProbe.cloudEventHeaders(eventId, EventCatalog.INBOUND_REFERRAL_V1.type(), "DIR-1"));

		WireRecord dead = this.kafka.awaitEvent("error." + Topics.inboundOf(PARTNER) + ".referral-service", eventId);
		assertThat(dead.header("x-exception-message")).contains("targetOrganizationId", "invalid.organization.unknown");
		assertThat(this.mongo.count(new Query(), "referrals")).isEqualTo(before);
	}

	@Test
	void anOrganizationTheDirectoryNamesIsKnownEvenWhenItsEventComesTwice() {
		String organization = "org-nouvelle-" + Long.toString(System.nanoTime(), 36);
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-directory"));
		assertThat(partner.postJson("/api/v1/referrals", sentTo(organization)).status()).isEqualTo(400);

		String eventId = UUID.randomUUID().toString();
		String changed = """
				{"therapistId": "th-%s", "organizationId": "%s", "active": true, "places": 2,
				 "lowFeePlaces": 0, "freePlaces": 2, "changedAt": "2026-11-21T09:00:00Z"}
				""".formatted(organization, organization);
		for (int i = 0; i < 2; i++) {
			this.kafka.send(Topics.MATCHING_EVENTS, "th-" + organization, changed, KafkaProbe.cloudEventHeaders(eventId,
					EventCatalog.THERAPIST_CHANGED_V1.type(), "th-" + organization));
		}

		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(partner.postJson("/api/v1/referrals", sentTo(organization)).status())
				.isEqualTo(201));
		assertThat(this.mongo.count(Query.query(Criteria.where("_id").is(organization)), KnownOrganizations.COLLECTION))
			.isEqualTo(1);
	}

	@Test
	void aConfiguredOrganizationWithNoTherapistYetIsKnown() {
		Http.Answer answer = this.anonymous.withToken(this.tokens.partner("clsc-directory"))
			.postJson("/api/v1/referrals", sentTo("org-laval"));

		assertThat(answer.status()).isEqualTo(201);
	}

	private Http.Answer nothingStored(Supplier<Http.Answer> post) {
		long before = this.mongo.count(new Query(), "referrals");
		Http.Answer answer = post.get();
		assertThat(this.mongo.count(new Query(), "referrals")).as(answer.body()).isEqualTo(before);
		return answer;
	}

	private static String sentTo(String organizationId) {
		return ExampleReferrals.someone()
			.replace("\"partnerReference\"",
					"\"targetOrganizationId\": \"" + organizationId + "\", \"partnerReference\"");
	}

}

package ca.aiguillage.referral.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.referral.intake.ExampleReferrals;
import ca.aiguillage.referral.intake.QueueEvents;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ClientIdentityIntegrationTests extends RunningService {

	private static final String TRAIL = "/api/v1/access-trail?from=" + LocalDate.now().minusDays(1) + "&to="
			+ LocalDate.now().plusDays(1);

	@Test
	void coordinatorHoldingTheReferralReadsTheClientsIdentityAndTheReadIsTrailedWithItsPurpose() {
		String id = referredTo("org-identity");

		Http.Answer identity = coordinator("org-identity").get(identityOf(id) + "?purpose=CONTACT_CLIENT");

		assertThat(identity.status()).isEqualTo(200);
		assertThat(identity.<String>json("$.firstName")).isEqualTo("Marie-Ève");
		assertThat(identity.<String>json("$.lastName")).startsWith("Tremblay-");
		assertThat(identity.<String>json("$.preferredLanguage")).isEqualTo("fr");
		assertThat(identity.<String>json("$.preferredContact")).isEqualTo("SMS");
		assertThat(identity.<String>json("$.channels.email")).endsWith("@example.org");
		assertThat(identity.<String>json("$.channels.sms")).startsWith("+1514555");
		assertThat(identity.body()).doesNotContain("1991-04-12", "Anxiété", "H2M");
		assertThat(this.http.get(TRAIL).body())
			.containsPattern("\"COORDINATOR\",\"org-identity\",,READ_IDENTITY," + id + ",CONTACT_CLIENT");
	}

	@Test
	void onlyTheConsentedChannelsAreGiven() {
		String id = referredTo("org-identity-consent", "\"sms\": true", "\"sms\": false");

		Http.Answer identity = coordinator("org-identity-consent").get(identityOf(id) + "?purpose=CONTACT_CLIENT");

		assertThat(identity.<String>json("$.preferredContact")).isEqualTo("EMAIL");
		assertThat(identity.<String>json("$.channels.email")).endsWith("@example.org");
		assertThat(identity.body()).doesNotContain("+1514555");
	}

	@Test
	void theOrganizationAProposalMovedTheReferralToHoldsItFromThen() {
		String id = referredTo("org-identity-first");
		new QueueEvents(this.kafka).publish(EventCatalog.PROPOSAL_MADE_V1,
				new ProposalMadeV1(id, UUID.randomUUID().toString(), "t-07", "org-identity-second", Modality.VIDEO,
						new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0),
						Instant.now(), "Camille", "Centre St-Pierre"),
				UUID.randomUUID().toString());

		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(
					coordinator("org-identity-second").get(identityOf(id) + "?purpose=CONTACT_CLIENT").status())
				.isEqualTo(200));
		assertThat(coordinator("org-identity-first").get(identityOf(id) + "?purpose=CONTACT_CLIENT").status())
			.isEqualTo(404);
	}

	@Test
	void everyoneElseIsRefusedAndNothingIsTrailed() {
		String id = referredTo("org-identity-refused");

		assertThat(coordinator("org-elsewhere").get(identityOf(id) + "?purpose=CONTACT_CLIENT").status())
			.isEqualTo(404);
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-identity"))
			.get(identityOf(id) + "?purpose=CONTACT_CLIENT")
			.status()).isEqualTo(403);
		assertThat(this.http.get(identityOf(id) + "?purpose=CONTACT_CLIENT").status()).isEqualTo(403);
		assertThat(this.anonymous.withToken(this.tokens.service("notification-service"))
			.get(identityOf(id) + "?purpose=CONTACT_CLIENT")
			.status()).isEqualTo(403);
		assertThat(this.anonymous.get(identityOf(id) + "?purpose=CONTACT_CLIENT").status()).isEqualTo(401);
		assertThat(coordinator("org-identity-refused")
			.get(identityOf(UUID.randomUUID().toString()) + "?purpose=CONTACT_CLIENT")
			.status()).isEqualTo(404);
		assertThat(this.http.get(TRAIL).body()).doesNotContain("READ_IDENTITY," + id);
	}

	@Test
	void aReadWithoutAKnownPurposeIsRefusedInFrenchOrEnglishAndNotTrailed() {
		String id = referredTo("org-identity-purpose");
		Http coordinator = coordinator("org-identity-purpose");

		Http.Answer missing = coordinator.get(identityOf(id));
		Http.Answer unknown = coordinator.get(identityOf(id) + "?purpose=CURIOSITY", "Accept-Language", "en");

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.<List<String>>json("$.errors[*].field")).containsExactly("purpose");
		assertThat(missing.body()).contains("CONTACT_CLIENT");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.<List<String>>json("$.errors[*].message").get(0)).contains("purpose");
		assertThat(this.http.get(TRAIL).body()).doesNotContain("READ_IDENTITY," + id);
	}

	@Test
	void theIdentityNeverAppearsInTheCoordinatorsList() {
		String id = referredTo("org-identity-list");

		Http.Answer list = coordinator("org-identity-list").get("/api/v1/referrals?size=100");

		assertThat(list.body()).contains(id).doesNotContain("Marie-Ève", "Tremblay", "example.org", "+1514555");
	}

	private String referredTo(String organizationId, String... replacement) {
		String body = ExampleReferrals.someone()
			.replace("\"partnerReference\"",
					"\"targetOrganizationId\": \"" + organizationId + "\", \"partnerReference\"");
		if (replacement.length == 2) {
			body = body.replace(replacement[0], replacement[1]);
		}
		return this.anonymous.withToken(this.tokens.partner("clsc-identity"))
			.postJson("/api/v1/referrals", body)
			.json("$.referralId");
	}

	private Http coordinator(String organizationId) {
		return this.anonymous.withToken(this.tokens.coordinator(organizationId));
	}

	private static String identityOf(String id) {
		return "/api/v1/referrals/" + id + "/identity";
	}

}

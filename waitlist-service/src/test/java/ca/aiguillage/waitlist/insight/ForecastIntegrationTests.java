package ca.aiguillage.waitlist.insight;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class ForecastIntegrationTests extends RunningService {

	@Test
	void predictedStartFollowsThePositionAndTheOrganizationsRecentPace() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		for (int started = 0; started < 2; started++) {
			String id = referral(organization, "clsc-a", now.minus(Duration.ofDays(80 - started)));
			propose(id, organization);
			act(id, "confirmation");
			act(id, "first-session");
		}
		waiting(organization, "clsc-a", now.minus(Duration.ofDays(30)));
		waiting(organization, "clsc-a", now.minus(Duration.ofDays(20)));
		String third = waiting(organization, "clsc-b", now.minus(Duration.ofDays(10)));

		Http.Answer forecast = this.http.get("/api/v1/queue/" + third + "/predicted-start");

		// Third in line, two starts in 90 days: 45 days a start, 3 ± √3 starts away.
		LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));
		assertThat(forecast.<String>json("$.basis.method")).isEqualTo("OBSERVED_STARTS");
		assertThat(forecast.<Integer>json("$.basis.position")).isEqualTo(3);
		assertThat(forecast.<Integer>json("$.basis.startsInWindow")).isEqualTo(2);
		assertThat(forecast.<String>json("$.from")).isEqualTo(today.plusDays(57).toString());
		assertThat(forecast.<String>json("$.to")).isEqualTo(today.plusDays(213).toString());
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-b"))
			.get("/api/v1/queue/" + third + "/predicted-start")
			.status()).isEqualTo(200);
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-a"))
			.get("/api/v1/queue/" + third + "/predicted-start")
			.status()).isEqualTo(404);
	}

	@Test
	void organizationWithNoRecentStartGivesNoDateButSaysWhy() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String id = waiting(organization, "clsc-a", Instant.now().minus(Duration.ofDays(3)));

		Http.Answer forecast = this.http.get("/api/v1/queue/" + id + "/predicted-start");

		assertThat(forecast.<String>json("$.basis.method")).isEqualTo("NO_RECENT_STARTS");
		assertThat(forecast.<Object>json("$.from")).isNull();
	}

	private String waiting(String organization, String partner, Instant registered) {
		String id = referral(organization, partner, registered);
		Wire.publish(this.kafka, new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 3, Instant.now()));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
		return id;
	}

	private String referral(String organization, String partner, Instant registered) {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, registered, IntakeChannel.PARTNER_API, partner, organization, "fr",
						List.of("fr"), Clientele.ADULT, List.of(Approach.SYSTEMIC), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H2M", List.of(), null, null));
		return id;
	}

	private void propose(String id, String organization) {
		Wire.publish(this.kafka, new ProposalMadeV1(id, "p-" + id, "t-07", organization, Modality.VIDEO,
				new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of(), 1.0), Instant.now(), null, null));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
	}

	private void act(String id, String action) {
		String etag = this.http.get("/api/v1/queue/" + id).header("etag");
		Http.Answer answer = this.http.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

}

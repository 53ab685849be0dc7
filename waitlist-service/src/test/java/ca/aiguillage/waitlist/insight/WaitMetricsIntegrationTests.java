package ca.aiguillage.waitlist.insight;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
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
class WaitMetricsIntegrationTests extends RunningService {

	@Test
	void firstSessionRecordsTheWaitAndTheQueueLengthIsExposedToPrometheus() {
		// Present before any therapy starts, for the dashboard and alert rules.
		assertThat(this.anonymous.get("/actuator/prometheus").body()).contains(
				"waitlist_wait_seconds_count{application=\"waitlist-service\",organization=\"none\"}",
				"waitlist_sixty_day_risk{application=\"waitlist-service\"}");
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now();
		Wire.publish(this.kafka, new ReferralSubmittedV1(id, now.minus(Duration.ofDays(50)), IntakeChannel.PARTNER_API,
				"clsc-ahuntsic", organization, "fr", List.of("fr"), Clientele.ADULT, List.of(Approach.SYSTEMIC), false,
				Modality.EITHER, List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))),
				Priority.C, "H2M", List.of(), null, null));
		Wire.publish(this.kafka,
				new ProposalMadeV1(id, "p-" + id, "t-07", organization, Modality.VIDEO,
						new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of(), 1.0), now, null, null));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
		assertThat(this.anonymous.get("/actuator/prometheus").body())
			.containsPattern("waitlist_queue_length\\{[^}]*status=\"PROPOSED\"[^}]*\\} [1-9]");

		act(id, "confirmation");
		act(id, "first-session");

		String metrics = this.anonymous.get("/actuator/prometheus").body();
		assertThat(metrics).contains("waitlist_wait_seconds_count{application=\"waitlist-service\",organization=\""
				+ organization + "\"} 1");
		// Fifty days: inside the 60-day target's bucket.
		assertThat(metrics).contains("waitlist_wait_seconds_bucket{application=\"waitlist-service\",organization=\""
				+ organization + "\",le=\"5184000.0\"} 1");
		assertThat(metrics).contains("waitlist_wait_seconds_bucket{application=\"waitlist-service\",organization=\""
				+ organization + "\",le=\"3628800.0\"} 0");
	}

	private void act(String id, String action) {
		String etag = this.http.get("/api/v1/queue/" + id).header("etag");
		Http.Answer answer = this.http.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

}

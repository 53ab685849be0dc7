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
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class WaitReportIntegrationTests extends RunningService {

	static String organization;

	@BeforeEach
	void threeClientsStartedAfter30And50And80Days() {
		if (organization == null) {
			String created = "org-" + UUID.randomUUID().toString().substring(0, 8);
			for (int days : new int[] { 30, 50, 80 }) {
				started(created, "es", days);
			}
			organization = created;
		}
	}

	@Test
	void reportGivesTheShareWithinSixtyDaysTheMedianAndTheNinetiethPercentile() {
		Http.Answer report = this.http.get("/api/v1/insight/waits?groupBy=ORGANIZATION&organizationId=" + organization);

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.<List<String>>json("$.groups[*].group")).containsExactly(organization);
		assertThat(report.<Integer>json("$.groups[0].started")).isEqualTo(3);
		assertThat(report.<Double>json("$.groups[0].withinTarget")).isCloseTo(0.667,
				org.assertj.core.data.Offset.offset(0.001));
		assertThat(report.<Integer>json("$.groups[0].medianDays")).isEqualTo(50);
		assertThat(report.<Integer>json("$.groups[0].p90Days")).isEqualTo(80);
	}

	@Test
	void reportIsBrokenDownByLanguageAndExportedAsCsv() {
		Http.Answer csv = this.http.get("/api/v1/insight/waits?groupBy=LANGUAGE&organizationId=" + organization,
				"Accept", "text/csv", "Accept-Language", "en");

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("content-type")).startsWith("text/csv");
		assertThat(csv.body()).startsWith("language,started,within_60_days,median_days,p90_days,")
			.contains("\"es\",3,0.667,50,80,0,0.667,50,80\r\n");
	}

	@Test
	void coordinatorGetsOnlyTheirOwnOrganizationsFigures() {
		Http.Answer other = this.anonymous.withToken(this.tokens.coordinator("org-outaouais"))
			.get("/api/v1/insight/waits?organizationId=" + organization);
		Http.Answer own = this.anonymous.withToken(this.tokens.coordinator(organization)).get("/api/v1/insight/waits");

		assertThat(other.status()).isEqualTo(403);
		assertThat(own.<List<String>>json("$.groups[*].group")).containsExactly(organization);
	}

	@Test
	void duplicateLinkedAfterItsFirstSessionCountsInNoWait() {
		String alone = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String duplicate = started(alone, "fr", 20);

		linkedAsADuplicate(duplicate);

		Http.Answer report = this.http.get("/api/v1/insight/waits?organizationId=" + alone);
		assertThat(report.<List<String>>json("$.groups[*].group")).isEmpty();
	}

	@Test
	void duplicateLinkedWhileWaitingIsLeftOutOfTheQueueLengthOnEveryDay() {
		String alone = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String duplicate = proposed(alone, "fr", 20);

		linkedAsADuplicate(duplicate);

		Http.Answer report = this.http.get("/api/v1/insight/waits?organizationId=" + alone);
		assertThat(report.<List<Integer>>json("$.queueLength[0].days[*].length")).hasSize(90).containsOnly(0);
	}

	/**
	 * A coordinator found it the same person as another open referral, and linked them.
	 */
	private void linkedAsADuplicate(String id) {
		Wire.publish(this.kafka, new PossibleDuplicateResolvedV1(id, UUID.randomUUID().toString(),
				PossibleDuplicateResolvedV1.Resolution.LINKED, "coordination.laval", Instant.now()));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id).<String>json("$.referral.status"),
					status -> !"PROPOSED".equals(status) && !"IN_THERAPY".equals(status));
	}

	private String started(String organization, String language, int daysAgo) {
		String id = proposed(organization, language, daysAgo);
		for (String action : List.of("confirmation", "first-session")) {
			String etag = this.http.get("/api/v1/queue/" + id).header("etag");
			assertThat(this.http.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag).status())
				.isEqualTo(200);
		}
		return id;
	}

	private String proposed(String organization, String language, int daysAgo) {
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now();
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, now.minus(Duration.ofDays(daysAgo)), IntakeChannel.PARTNER_API, "clsc-a",
						organization, language, List.of(language), Clientele.ADULT, List.of(Approach.SYSTEMIC), false,
						Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H2M", List.of(), null, null));
		Wire.publish(this.kafka,
				new ProposalMadeV1(id, "p-" + id, "t-07", organization, Modality.VIDEO,
						new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of(), 1.0), now, null, null));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
		return id;
	}

}

package ca.aiguillage.waitlist.timers;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
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
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.WaitlistApplication;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one database and one broker, their pollers running
 * every 100 ms on a clock the test moves: each timer fires once.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.poll-interval=PT0.1S",
		"waitlist.timers.proposal-answer-window-by-organization.org-slow=P5D" })
class TimerIntegrationTests extends RunningService {

	static ConfigurableApplicationContext secondInstance;

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableTime {

		@Bean
		Clock clock() {
			return TestClock.SHARED;
		}

	}

	@BeforeAll
	static void startASecondInstance(@Autowired Environment environment, @Autowired EmbeddedKafkaBroker broker) {
		// Command-line arguments, so that they win over the service's own configuration
		// file.
		secondInstance = WaitlistApplication.application()
			.initializers(context -> context.getBeanFactory().registerSingleton("clock", TestClock.SHARED))
			.run("--server.port=0", "--spring.mongodb.uri=" + environment.getRequiredProperty("spring.mongodb.uri"),
					"--spring.mongodb.database=" + environment.getRequiredProperty("spring.mongodb.database"),
					"--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
					"--spring.security.oauth2.resourceserver.jwt.issuer-uri="
							+ environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"),
					"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri="
							+ environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"),
					"--waitlist.timers.poll-interval=PT0.1S", "--aiguillage.outbox.poll-interval=PT0.1S");
		assertThat(secondInstance.getEnvironment().getProperty("spring.mongodb.database"))
			.isEqualTo(environment.getProperty("spring.mongodb.database"));
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (secondInstance != null) {
			secondInstance.close();
		}
	}

	@Test
	void waitingClientsCheckInsAndReviewsFireOnceWithTwoInstancesRunning() {
		String id = UUID.randomUUID().toString();
		Instant registered = TestClock.SHARED.instant();
		Wire.publish(this.kafka, submitted(id, registered));
		Wire.publish(this.kafka, new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 12, registered));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status")));

		TestClock.SHARED.advance(Duration.ofDays(30).plusMinutes(1));
		await().atMost(ofSeconds(20)).until(() -> checkIns(id).size() == 1);
		// Unanswered for its 14 days: asked again once at once, then the coordinator.
		TestClock.SHARED.advance(Duration.ofDays(14));
		await().atMost(ofSeconds(20)).until(() -> checkIns(id).size() == 2);
		TestClock.SHARED.advance(Duration.ofDays(14));

		await().atMost(ofSeconds(20))
			.untilAsserted(
					() -> assertThat(reviews(id)).contains("NO_CHECK_IN_ANSWER", "STATE_TOO_LONG", "SIXTY_DAY_RISK"));
		// Both pollers keep running: nothing fires a second time.
		await().during(ofSeconds(2)).atMost(ofSeconds(30)).untilAsserted(() -> {
			assertThat(checkIns(id)).extracting(record -> record.value().replaceAll(".*\"sequence\":(\\d+).*", "$1"))
				.containsExactly("1", "2");
			assertThat(reviews(id)).containsExactlyInAnyOrder("STATE_TOO_LONG", "SIXTY_DAY_RISK", "NO_CHECK_IN_ANSWER");
		});
		assertThat(this.http.get("/api/v1/queue/" + id).<List<String>>json("$.referral.reviewCauses"))
			.containsExactlyInAnyOrder("STATE_TOO_LONG", "SIXTY_DAY_RISK", "NO_CHECK_IN_ANSWER");
		// Operators see the client among those at risk of passing 60 days.
		assertThat(this.anonymous.get("/actuator/prometheus").body())
			.containsPattern("(?m)^waitlist_sixty_day_risk\\{[^}]*\\} [1-9]");
	}

	@Test
	void proposalUnansweredForFortyEightHoursExpiresOnceAndTheClientWaitsAgain() {
		String id = UUID.randomUUID().toString();
		Instant now = TestClock.SHARED.instant();
		Wire.publish(this.kafka, submitted(id, now));
		Wire.publish(this.kafka,
				new ProposalMadeV1(id, "p-" + id, "t-07", "org-laval", Modality.VIDEO,
						new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0), now,
						"Camille", "Centre St-Pierre"));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status")));

		TestClock.SHARED.advance(Duration.ofHours(47));
		await().during(ofSeconds(1))
			.atMost(ofSeconds(5))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_EXPIRED_V1, id).isEmpty());

		TestClock.SHARED.advance(Duration.ofHours(1).plusMinutes(1));

		await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_EXPIRED_V1, id).size() == 1);
		assertThat(this.http.get("/api/v1/queue/" + id).<String>json("$.referral.status")).isEqualTo("WAITING");
		await().during(ofSeconds(2))
			.atMost(ofSeconds(30))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_EXPIRED_V1, id).size() == 1);
	}

	@Test
	void answerWindowIsFortyEightHoursUnlessTheOrganizationSetsItsOwn() {
		Http notification = this.anonymous.withToken(this.tokens.service("notification-service"));

		Http.Answer byDefault = notification.get("/api/v1/proposal-answer-windows/org-laval");
		Http.Answer own = notification.get("/api/v1/proposal-answer-windows/org-slow");

		assertThat(byDefault.<String>json("$.answerWindow")).isEqualTo("PT48H");
		assertThat(own.<String>json("$.organizationId")).isEqualTo("org-slow");
		assertThat(own.<String>json("$.answerWindow")).isEqualTo("PT120H");
	}

	private List<WireRecord> checkIns(String id) {
		return Wire.published(this.kafka, EventCatalog.CHECK_IN_DUE_V1, id);
	}

	private List<String> reviews(String id) {
		return Wire.published(this.kafka, EventCatalog.REVIEW_REQUESTED_V1, id)
			.stream()
			.map(record -> record.value().replaceAll(".*\"cause\":\"([A-Z_]+)\".*", "$1"))
			.toList();
	}

	private static ReferralSubmittedV1 submitted(String id, Instant at) {
		return new ReferralSubmittedV1(id, at, IntakeChannel.PARTNER_API, "clsc-ahuntsic", "org-laval", "fr",
				List.of("fr"), Clientele.ADULT, List.of(Approach.SYSTEMIC), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(), null, null);
	}

}

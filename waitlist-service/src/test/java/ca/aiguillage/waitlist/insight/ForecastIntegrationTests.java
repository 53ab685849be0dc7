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

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.jspecify.annotations.Nullable;
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

	@Test
	void predictedStartMovesAtOnceWhenATherapistAddsPlaces() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String therapist = "t-" + organization;
		Instant now = Instant.now();
		Wire.publish(this.kafka, new TherapistChangedV1(therapist, organization, true, 2, 0, 0, now));
		waiting(organization, "clsc-a", now.minus(Duration.ofDays(30)));
		waiting(organization, "clsc-a", now.minus(Duration.ofDays(20)));
		String third = waiting(organization, "clsc-b", now.minus(Duration.ofDays(10)));
		LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));

		// Third in line, two places, no ended therapy yet so 126 days each: 63 days a
		// start, 3 ± √3 starts away.
		Http.Answer before = awaitForecast(third, "CAPACITY", 2);
		assertThat(before.<Integer>json("$.basis.position")).isEqualTo(3);
		assertThat(before.<Integer>json("$.basis.meanTherapyDays")).isEqualTo(126);
		assertThat(before.<Integer>json("$.basis.endedTherapies")).isZero();
		assertThat(before.<String>json("$.basis.scope")).isEqualTo("ORGANIZATION");
		assertThat(before.<String>json("$.from")).isEqualTo(today.plusDays(80).toString());
		assertThat(before.<String>json("$.to")).isEqualTo(today.plusDays(298).toString());

		Wire.publish(this.kafka, new TherapistChangedV1(therapist, organization, true, 4, 0, 2, now.plusSeconds(1)));

		// Four places: 31.5 days a start.
		Http.Answer after = awaitForecast(third, "CAPACITY", 4);
		assertThat(after.<String>json("$.from")).isEqualTo(today.plusDays(40).toString());
		assertThat(after.<String>json("$.to")).isEqualTo(today.plusDays(149).toString());
	}

	@Test
	void lowFeeClientWaitsForTheLowFeePlacesOnly() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		Wire.publish(this.kafka, new TherapistChangedV1("t-" + organization, organization, true, 4, 1, 0, now));
		String lowFee = waiting(organization, "clsc-a", now.minus(Duration.ofDays(30)),
				new SessionFee(2000, true, "qc-2026", "1"));
		String regular = waiting(organization, "clsc-a", now.minus(Duration.ofDays(20)),
				new SessionFee(9000, false, "qc-2026", "1"));
		LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));

		// First in line for the one low-fee place: 126 days a start, 1 ± 1 starts away.
		Http.Answer first = awaitForecast(lowFee, "CAPACITY", 1);
		assertThat(first.<Boolean>json("$.basis.lowFeePlacesOnly")).isTrue();
		assertThat(first.<String>json("$.from")).isEqualTo(today.toString());
		assertThat(first.<String>json("$.to")).isEqualTo(today.plusDays(252).toString());
		// Second in line for all four places: 31.5 days a start, 2 ± √2 starts away.
		Http.Answer second = awaitForecast(regular, "CAPACITY", 4);
		assertThat(second.<Boolean>json("$.basis.lowFeePlacesOnly")).isFalse();
		assertThat(second.<String>json("$.from")).isEqualTo(today.plusDays(18).toString());
		assertThat(second.<String>json("$.to")).isEqualTo(today.plusDays(108).toString());
	}

	@Test
	void therapyLengthIsTheMeanOfTheEndedTherapiesOnceEnoughEnded() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		Wire.publish(this.kafka, new TherapistChangedV1("t-" + organization, organization, true, 2, 0, 0, now));
		for (int days = 60; days <= 100; days += 10) {
			String id = referral(organization, "clsc-a", now.minus(Duration.ofDays(300)));
			propose(id, organization);
			act(id, "confirmation");
			act(id, "first-session", now.minus(Duration.ofDays(200)));
			act(id, "end", now.minus(Duration.ofDays(200 - days)));
		}
		String id = waiting(organization, "clsc-a", now.minus(Duration.ofDays(5)));
		LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));

		// Five therapies of 60 to 100 days, 80 on average, two places: 40 days a start,
		// 1 ± 1 starts away.
		Http.Answer forecast = awaitForecast(id, "CAPACITY", 2);
		assertThat(forecast.<Integer>json("$.basis.meanTherapyDays")).isEqualTo(80);
		assertThat(forecast.<Integer>json("$.basis.endedTherapies")).isEqualTo(5);
		assertThat(forecast.<String>json("$.from")).isEqualTo(today.toString());
		assertThat(forecast.<String>json("$.to")).isEqualTo(today.plusDays(80).toString());
	}

	@Test
	void clientWhoseEarliestLikelyStartIsMoreThanAYearAwayGetsNoDateButTheCoordinatorSeesWhy() {
		// Seen in the 10,000-referral soak: with one organization's few places and
		// thousands waiting, clients were told « Début probable : entre le 14 juin 2094
		// et
		// le 3 janvier 2096 ». A forecast that far out says nothing a client can plan on.
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		Wire.publish(this.kafka, new TherapistChangedV1("t-" + organization, organization, true, 1, 0, 0, now));
		String fifth = null;
		String sixth = null;
		for (int position = 1; position <= 6; position++) {
			String id = waiting(organization, "clsc-a", now.minus(Duration.ofDays(60 - position)));
			fifth = (position == 5) ? id : fifth;
			sixth = (position == 6) ? id : sixth;
		}
		LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));

		// One place, 126 days a therapy: the fifth starts (5 - √5) × 126 = 348 days away
		// at
		// the earliest, within a year; the sixth (6 - √6) × 126 = 447 days away, beyond
		// it.
		Http.Answer withinAYear = awaitForecast(fifth, "CAPACITY", 1);
		assertThat(withinAYear.<String>json("$.from")).isEqualTo(today.plusDays(348).toString());
		Http.Answer beyond = awaitForecast(sixth, "BEYOND_HORIZON", 1);
		assertThat(beyond.<Object>json("$.from")).isNull();
		assertThat(beyond.<Object>json("$.to")).isNull();
		assertThat(beyond.<Integer>json("$.basis.position")).isEqualTo(6);
		assertThat(beyond.<Integer>json("$.basis.horizonDays")).isEqualTo(365);
	}

	@Test
	void inactiveTherapistsPlacesDoNotCountAndTheForecastFallsBackToThePace() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Wire.publish(this.kafka,
				new TherapistChangedV1("t-" + organization, organization, false, 3, 0, 3, Instant.now()));
		String id = waiting(organization, "clsc-a", Instant.now().minus(Duration.ofDays(3)));

		Http.Answer forecast = awaitForecast(id, "NO_RECENT_STARTS", 0);
		assertThat(forecast.<Object>json("$.from")).isNull();
	}

	@Test
	void referralWithoutOrganizationIsForecastFromTheNetworksPlaces() {
		String therapist = "t-" + UUID.randomUUID();
		Wire.publish(this.kafka, new TherapistChangedV1(therapist, "org-" + therapist, true, 3, 0, 0, Instant.now()));
		String id = waiting(null, "clsc-a", Instant.now().minus(Duration.ofDays(3)));

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			Http.Answer forecast = this.http.get("/api/v1/queue/" + id + "/predicted-start");
			assertThat(forecast.<String>json("$.basis.method")).isEqualTo("CAPACITY");
			assertThat(forecast.<String>json("$.basis.scope")).isEqualTo("NETWORK");
			assertThat(forecast.<Integer>json("$.basis.places")).isGreaterThanOrEqualTo(3);
			assertThat(forecast.<String>json("$.to")).isGreaterThanOrEqualTo(forecast.<String>json("$.from"));
		});
	}

	@Test
	void notificationServiceReadsAnyClientsPredictedStartAndNoOtherServiceDoes() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String id = waiting(organization, "clsc-a", Instant.now().minus(Duration.ofDays(3)));

		assertThat(this.anonymous.withToken(this.tokens.service("notification-service"))
			.get("/api/v1/queue/" + id + "/predicted-start")
			.<String>json("$.referralId")).isEqualTo(id);
		assertThat(this.anonymous.withToken(this.tokens.service("matching-service"))
			.get("/api/v1/queue/" + id + "/predicted-start")
			.status()).isEqualTo(403);
	}

	private Http.Answer awaitForecast(String id, String method, int places) {
		return await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id + "/predicted-start"),
					answer -> answer.status() == 200 && method.equals(answer.json("$.basis.method"))
							&& Integer.valueOf(places).equals(answer.json("$.basis.places")));
	}

	private String waiting(@Nullable String organization, String partner, Instant registered) {
		return waiting(organization, partner, registered, null);
	}

	private String waiting(@Nullable String organization, String partner, Instant registered,
			@Nullable SessionFee fee) {
		return WaitingClients.waiting(this.kafka, this.http, organization, partner, registered, fee);
	}

	private String referral(@Nullable String organization, String partner, Instant registered) {
		return WaitingClients.referral(this.kafka, organization, partner, registered, null);
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
		act(id, action, null);
	}

	private void act(String id, String action, @Nullable Instant at) {
		String etag = this.http.get("/api/v1/queue/" + id).header("etag");
		String body = (at != null) ? "{\"at\":\"" + at + "\"}" : "{}";
		Http.Answer answer = this.http.postJson("/api/v1/queue/" + id + "/" + action, body, "If-Match", etag);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

}

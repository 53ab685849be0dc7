package ca.aiguillage.waitlist.insight;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * One organization's clients: a self-referred client on a low fee who started after 30
 * days; a client a CLSC referred, on a regular fee, who declined a first proposal 70 days
 * ago and started after 80 days, 65 of them their own delay; a client of an unconfigured
 * partner, with no fee scale, who started after 50 days; and one still waiting for 10
 * days.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class WaitEquityIntegrationTests extends RunningService {

	static String organization;

	@Autowired
	MongoOperations mongo;

	@BeforeEach
	void fourClientsOfOneOrganization() {
		if (organization != null) {
			return;
		}
		String created = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		String self = submitted(created, now.minus(Duration.ofDays(30)), IntakeChannel.SELF_REFERRAL, null, "H2M",
				new SessionFee(2000, true, "scale", "1"));
		proposed(self, "p-" + self, created, now.minus(Duration.ofDays(20)));
		started(self);

		String declined = submitted(created, now.minus(Duration.ofDays(80)), IntakeChannel.PARTNER_API, "clsc-ahuntsic",
				"J7A", new SessionFee(9000, false, "scale", "1"));
		proposed(declined, "p1-" + declined, created, now.minus(Duration.ofDays(75)));
		Wire.publish(this.kafka, new ClientAnsweredV1(declined, ClientAnsweredV1.Subject.PROPOSAL, "p1-" + declined,
				ClientAnsweredV1.Answer.DECLINE, ClientAnsweredV1.Channel.SMS, now.minus(Duration.ofDays(70))));
		await().atMost(ofSeconds(20))
			.until(() -> "WAITING".equals(this.http.get("/api/v1/queue/" + declined).json("$.referral.status")));
		proposed(declined, "p2-" + declined, created, now.minus(Duration.ofDays(5)));
		started(declined);

		String noScale = submitted(created, now.minus(Duration.ofDays(50)), IntakeChannel.PARTNER_API,
				"partenaire-inconnu", "G1R", null);
		proposed(noScale, "p-" + noScale, created, now.minus(Duration.ofDays(1)));
		started(noScale);

		String waiting = submitted(created, now.minus(Duration.ofDays(10)), IntakeChannel.PARTNER_API, "gasm-laval",
				"H7N", null);
		await().atMost(ofSeconds(20))
			.until(() -> "SUBMITTED".equals(this.http.get("/api/v1/queue/" + waiting).json("$.referral.status")));
		organization = created;
	}

	@Test
	void waitsAreGivenWithAndWithoutTheDelaysTheClientCaused() {
		Http.Answer report = this.http.get("/api/v1/insight/waits?groupBy=ORGANIZATION&organizationId=" + organization);

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.<Integer>json("$.groups[0].started")).isEqualTo(3);
		assertThat(report.<Integer>json("$.groups[0].delayedByClient")).isEqualTo(1);
		// Waits of 30, 50 and 80 days; without the 65 days the decline cost, 30, 50 and
		// 15.
		assertThat(report.<Double>json("$.groups[0].withinTarget")).isCloseTo(0.667, within(0.001));
		assertThat(report.<Integer>json("$.groups[0].medianDays")).isEqualTo(50);
		assertThat(report.<Integer>json("$.groups[0].p90Days")).isEqualTo(80);
		assertThat(report.<Double>json("$.groups[0].withoutClientDelays.withinTarget")).isEqualTo(1.0);
		assertThat(report.<Integer>json("$.groups[0].withoutClientDelays.medianDays")).isEqualTo(30);
		assertThat(report.<Integer>json("$.groups[0].withoutClientDelays.p90Days")).isEqualTo(50);
	}

	@Test
	void reportSaysWhichClientsItCounts() {
		Http.Answer report = this.http.get("/api/v1/insight/waits?organizationId=" + organization);

		assertThat(report.<Integer>json("$.windowDays")).isEqualTo(90);
		assertThat(report.<Integer>json("$.targetDays")).isEqualTo(60);
		assertThat(report.<String>json("$.counted")).isEqualTo("FIRST_SESSION_IN_WINDOW");
		assertThat(report.<String>json("$.organizationId")).isEqualTo(organization);
	}

	@Test
	void waitsAreBrokenDownByFeeBand() {
		Http.Answer report = this.http.get("/api/v1/insight/waits?groupBy=FEE_BAND&organizationId=" + organization);

		assertThat(report.<List<String>>json("$.groups[*].group")).containsExactly("LOW_FEE", "REGULAR", "UNKNOWN");
		assertThat(report.<List<Integer>>json("$.groups[*].medianDays")).containsExactly(30, 80, 50);
	}

	@Test
	void waitsAreBrokenDownByReferrerType() {
		Http.Answer report = this.http
			.get("/api/v1/insight/waits?groupBy=REFERRER_TYPE&organizationId=" + organization);

		assertThat(report.<List<String>>json("$.groups[*].group")).containsExactly("CLSC", "OTHER", "SELF_REFERRAL");
		assertThat(report.<List<Integer>>json("$.groups[*].medianDays")).containsExactly(80, 50, 30);
	}

	@Test
	void waitsAreBrokenDownByRegion() {
		Http.Answer report = this.http.get("/api/v1/insight/waits?groupBy=REGION&organizationId=" + organization);

		assertThat(report.<List<String>>json("$.groups[*].group")).containsExactly("G", "H", "J");
	}

	@Test
	void queueLengthIsGivenDayByDayFromRegistrationsAndExits() {
		Http.Answer report = this.http.get("/api/v1/insight/waits?organizationId=" + organization);

		assertThat(report.<List<String>>json("$.queueLength[*].organizationId")).containsExactly(organization);
		List<Integer> lengths = report.json("$.queueLength[0].days[*].length");
		assertThat(lengths).hasSize(90);
		// Today only the client registered 10 days ago waits; 40 days ago, the clients
		// registered 80 and 50 days ago did; 85 days ago, no one.
		assertThat(lengths.get(89)).isEqualTo(1);
		assertThat(lengths.get(89 - 40)).isEqualTo(2);
		assertThat(lengths.get(89 - 85)).isZero();
	}

	@Test
	void csvHasBothFiguresWithFrenchHeadersByDefault() {
		Http.Answer csv = this.http.get("/api/v1/insight/waits?groupBy=FEE_BAND&organizationId=" + organization,
				"Accept", "text/csv");

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.body())
			.startsWith("tranche_de_tarif,debuts,part_en_60_jours,mediane_jours,p90_jours,"
					+ "retardes_par_le_client,part_en_60_jours_sans_delais_client,mediane_jours_sans_delais_client,"
					+ "p90_jours_sans_delais_client\r\n")
			.contains("\"REGULAR\",1,0.000,80,80,1,1.000,15,15\r\n");
	}

	@Test
	void csvHeadersAreInEnglishWhenAsked() {
		Http.Answer csv = this.http.get("/api/v1/insight/waits?groupBy=REFERRER_TYPE&organizationId=" + organization,
				"Accept", "text/csv", "Accept-Language", "en");

		assertThat(csv.body())
			.startsWith("referrer_type,started,within_60_days,median_days,p90_days,"
					+ "delayed_by_client,within_60_days_without_client_delays,median_days_without_client_delays,"
					+ "p90_days_without_client_delays\r\n")
			.contains("\"SELF_REFERRAL\",1,1.000,30,30,0,1.000,30,30\r\n");
	}

	@Test
	void entryStoredBeforeTheFeeBandWasKeptReadsAsUnknown() {
		String id = UUID.randomUUID().toString();
		this.mongo.insert(new Document("_id", id).append("status", "WAITING")
			.append("registeredAt", Date.from(Instant.now().minus(Duration.ofDays(3))))
			.append("organizationId", "org-" + id.substring(0, 8)), "queue");
		try {
			Http.Answer entry = this.http.get("/api/v1/queue/" + id);

			assertThat(entry.status()).as(entry.body()).isEqualTo(200);
			assertThat(entry.<String>json("$.referral.feeBand")).isEqualTo("UNKNOWN");
		}
		finally {
			// No event made it: the rebuild test would not find it again.
			this.mongo.remove(new Query(Criteria.where("_id").is(id)), "queue");
		}
	}

	private String submitted(String organization, Instant at, IntakeChannel channel, @Nullable String partnerId,
			String postalPrefix, @Nullable SessionFee fee) {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, at, channel, partnerId, organization, "fr", List.of("fr"), Clientele.ADULT,
						List.of(Approach.SYSTEMIC), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						postalPrefix, List.of(), fee, null));
		return id;
	}

	private void proposed(String id, String proposalId, String organization, Instant at) {
		Wire.publish(this.kafka,
				new ProposalMadeV1(id, proposalId, "t-07", organization, Modality.VIDEO,
						new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of(), 1.0), at, null, null));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null
							&& proposalId.equals(answer.json("$.referral.proposal.proposalId")));
	}

	private void started(String id) {
		for (String action : List.of("confirmation", "first-session")) {
			String etag = this.http.get("/api/v1/queue/" + id).header("etag");
			Http.Answer answer = this.http.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag);
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		}
	}

}

package ca.aiguillage.waitlist.actions;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import ca.aiguillage.waitlist.capacity.Capacity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class ActionIntegrationTests extends RunningService {

	@Autowired
	Capacity capacity;

	static final Instant REGISTERED = Instant.parse("2026-11-02T10:00:00Z");

	@Test
	void coordinatorConfirmsAProposalAndTheDecisionIsPublished() {
		String id = proposedToLaval();
		Http laval = this.anonymous.withToken(this.tokens.coordinator("org-laval"));

		Http.Answer confirmed = laval.postJson(path(id, "confirmation"), "{}", "If-Match", etag(id));

		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.<String>json("$.status")).isEqualTo("CONFIRMED");
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_CONFIRMED_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"decidedBy\":\"COORDINATOR\"", "\"proposalId\":\"p-" + id + "\"");
	}

	@Test
	void twoCoordinatorsActingAtOnceGetOneDecisionAndOneConflict() {
		String id = proposedToLaval();
		String seen = etag(id);
		Http first = this.anonymous.withToken(this.tokens.coordinator("org-laval"));
		Http second = this.anonymous.withToken(this.tokens.admin());

		CompletableFuture<Http.Answer> confirm = CompletableFuture
			.supplyAsync(() -> first.postJson(path(id, "confirmation"), "{}", "If-Match", seen));
		CompletableFuture<Http.Answer> decline = CompletableFuture
			.supplyAsync(() -> second.postJson(path(id, "decline"), "{}", "If-Match", seen));

		List<Integer> statuses = List.of(confirm.join().status(), decline.join().status());
		assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		Http.Answer loser = (confirm.join().status() == 409) ? confirm.join() : decline.join();
		assertThat(loser.<String>json("$.type")).isEqualTo("urn:ca:aiguillage:problem:revision-conflict");
		await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_CONFIRMED_V1, id).size()
					+ Wire.published(this.kafka, EventCatalog.PROPOSAL_DECLINED_V1, id).size(), total -> total == 1);
	}

	@Test
	void staleRevisionIsAConflictAndChangesNothing() {
		String id = proposedToLaval();
		String seen = etag(id);
		assertThat(this.http
			.postJson(path(id, "priority"), "{\"priority\":\"A\",\"reason\":\"Aggravation\"}", "If-Match", seen)
			.status()).isEqualTo(200);

		Http.Answer stale = this.http.postJson(path(id, "decline"), "{}", "If-Match", seen);

		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.<String>json("$.title")).isEqualTo("Le dossier a changé");
		assertThat(this.http.get(path(id, "")).<String>json("$.referral.status")).isEqualTo("PROPOSED");
	}

	@Test
	void closingAReferralNeverStartedIsRefusedNamingItsStateInFrenchOrEnglish() {
		String id = proposedToLaval();

		Http.Answer french = this.http.postJson(path(id, "end"), "{}", "If-Match", etag(id));
		Http.Answer english = this.http.postJson(path(id, "end"), "{}", "If-Match", etag(id), "Accept-Language", "en");

		assertThat(french.status()).isEqualTo(409);
		assertThat(french.header("content-type")).startsWith("application/problem+json");
		assertThat(french.<String>json("$.detail")).contains("« Proposé »");
		assertThat(french.<String>json("$.currentState")).isEqualTo("PROPOSED");
		assertThat(english.<String>json("$.detail"))
			.isEqualTo("The action \"end the therapy\" is not allowed: the referral is proposed.");
	}

	@Test
	void confirmingAClosedReferralIsRefused() {
		String id = proposedToLaval();
		act(id, "confirmation", "{}");
		act(id, "first-session", "{}");
		act(id, "end", "{}");

		Http.Answer again = this.http.postJson(path(id, "confirmation"), "{}", "If-Match", etag(id));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.<String>json("$.detail")).contains("« Terminé »");
		await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.THERAPY_ENDED_V1, id), records -> records.size() == 1);
	}

	@Test
	void anotherOrganizationsReferralReadsAsUnknown() {
		String id = proposedToLaval();
		Http outaouais = this.anonymous.withToken(this.tokens.coordinator("org-outaouais"));

		Http.Answer action = outaouais.postJson(path(id, "confirmation"), "{}", "If-Match", etag(id));

		assertThat(action.status()).isEqualTo(404);
		assertThat(outaouais.get(path(id, "")).status()).isEqualTo(404);
		assertThat(this.http.get(path(id, "")).<String>json("$.referral.status")).isEqualTo("PROPOSED");
	}

	@Test
	void actionWithoutTheRevisionIsRefused() {
		String id = proposedToLaval();

		Http.Answer answer = this.http.postJson(path(id, "confirmation"), "{}");

		assertThat(answer.status()).isEqualTo(428);
		assertThat(answer.<String>json("$.type")).isEqualTo("urn:ca:aiguillage:problem:revision-required");
	}

	@Test
	void overrideNamesTheBrokenConstraintsOnKafkaAndKeepsTheReasonHere() {
		String id = proposedToLaval();
		knownTherapist("t-99", "org-laval");
		String reason = "La cliente connaît déjà cette thérapeute";

		Http.Answer overridden = this.http.postJson(path(id, "override"),
				"{\"therapistId\":\"t-99\",\"brokenConstraints\":[\"SHARED_LANGUAGE\"],\"reason\":\"" + reason + "\"}",
				"If-Match", etag(id));

		assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
		assertThat(overridden.<String>json("$.therapistId")).isEqualTo("t-99");
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_OVERRIDDEN_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"brokenConstraints\":[\"SHARED_LANGUAGE\"]", "\"therapistId\":\"t-99\"")
			.doesNotContain("thérapeute");
		assertThat(
				this.http.get(path(id, "")).<List<String>>json("$.timeline[?(@.what=='PROPOSAL_OVERRIDDEN')].reason"))
			.containsExactly(reason);
	}

	@Test
	void overrideWithoutAReasonIsRefused() {
		String id = proposedToLaval();
		knownTherapist("t-99", "org-laval");

		Http.Answer answer = this.http.postJson(path(id, "override"), "{\"therapistId\":\"t-99\"}", "If-Match",
				etag(id));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("reason");
	}

	@Test
	void overrideToSomeoneNotInTheDirectoryIsRefusedNamingTheFieldInFrenchOrEnglish() {
		String id = proposedToLaval();
		String revision = etag(id);
		String body = "{\"therapistId\":\"Julie Martin\",\"reason\":\"La cliente la connaît\"}";

		Http.Answer french = this.http.postJson(path(id, "override"), body, "If-Match", revision);
		Http.Answer english = this.http.postJson(path(id, "override"), body, "If-Match", revision, "Accept-Language",
				"en");

		assertThat(french.status()).as(french.body()).isEqualTo(400);
		assertThat(french.<List<String>>json("$.errors[*].field")).containsExactly("therapistId");
		assertThat(french.<List<String>>json("$.errors[*].message"))
			.containsExactly("Ce thérapeute n'est pas dans le répertoire de l'organisme du dossier.");
		assertThat(english.status()).isEqualTo(400);
		assertThat(english.<List<String>>json("$.errors[*].message"))
			.containsExactly("This therapist is not in the directory of the referral's organization.");
		assertThat(etag(id)).isEqualTo(revision);
	}

	@Test
	void overrideToAnotherOrganizationsTherapistIsRefused() {
		String id = proposedToLaval();
		String revision = etag(id);
		String elsewhere = "t-" + UUID.randomUUID();
		knownTherapist(elsewhere, "org-outaouais");

		Http.Answer answer = this.http.postJson(path(id, "override"),
				"{\"therapistId\":\"" + elsewhere + "\",\"reason\":\"La cliente la connaît\"}", "If-Match", revision);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("therapistId");
		assertThat(etag(id)).isEqualTo(revision);
	}

	@Test
	void declineSendsTheClientBackToTheQueue() {
		String id = proposedToLaval();

		Http.Answer declined = act(id, "decline", "{\"reason\":\"Horaire impossible\"}");

		assertThat(declined.<String>json("$.status")).isEqualTo("WAITING");
		assertThat(declined.<Object>json("$.proposal")).isNull();
		await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_DECLINED_V1, id),
					records -> records.size() == 1);
	}

	@Test
	void rematchAfterAPoorFitKeepsTheOriginalRegistrationDate() {
		String id = proposedToLaval();
		act(id, "confirmation", "{}");
		act(id, "first-session", "{}");

		Http.Answer rematched = act(id, "rematch", "{\"reason\":\"Mauvais arrimage\"}");

		assertThat(rematched.<String>json("$.status")).isEqualTo("WAITING");
		assertThat(rematched.<String>json("$.registeredAt")).isEqualTo("2026-11-02T10:00:00Z");
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.REMATCH_REQUESTED_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"registeredAt\":\"2026-11-02T10:00:00Z\"", "\"therapistId\":\"t-07\"");
	}

	@Test
	void ineligibilityNeedsAReasonAndTakesTheReferralOutOfTheQueue() {
		String id = proposedToLaval();
		assertThat(this.http.postJson(path(id, "ineligibility"), "{}", "If-Match", etag(id)).status()).isEqualTo(400);

		Http.Answer ineligible = act(id, "ineligibility", "{\"reason\":\"Hors territoire\"}");

		assertThat(ineligible.<String>json("$.status")).isEqualTo("INELIGIBLE");
		assertThat(this.http.get("/api/v1/queue?referrer=clsc-ahuntsic&size=200")
			.<List<String>>json("$.items[*].referralId")).doesNotContain(id);
		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.REFERRAL_LEFT_QUEUE_V2, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"outcome\":\"INELIGIBLE\"", "\"closedBy\":\"COORDINATOR\"")
			.doesNotContain("territoire");
	}

	@Test
	void unreachableClientLeavesTheQueue() {
		String id = proposedToLaval();

		assertThat(act(id, "unreachable", "{}").<String>json("$.status")).isEqualTo("UNREACHABLE");
		await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.REFERRAL_LEFT_QUEUE_V2, id),
					records -> records.size() == 1);
	}

	@Test
	void clientAcceptingTheProposalConfirmsIt() {
		String id = proposedToLaval();

		Wire.publish(this.kafka, new ClientAnsweredV1(id, ClientAnsweredV1.Subject.PROPOSAL, "p-" + id,
				ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK, Instant.now()));

		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_CONFIRMED_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"decidedBy\":\"CLIENT\"");
		assertThat(this.http.get(path(id, "")).<String>json("$.referral.status")).isEqualTo("CONFIRMED");
	}

	@Test
	void clientWithNoReachableChannelIsFlaggedToTheCoordinator() {
		String id = proposedToLaval();

		Wire.publish(this.kafka,
				new DeliveryRecordedV1(id, UUID.randomUUID().toString(), ProposalMadeV1.TYPE,
						DeliveryRecordedV1.Audience.CLIENT, null, DeliveryRecordedV1.Outcome.FAILED,
						"NO_REACHABLE_CHANNEL", Instant.now()));

		WireRecord event = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.REVIEW_REQUESTED_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(event.value()).contains("\"cause\":\"NO_REACHABLE_CHANNEL\"", "\"organizationId\":\"org-laval\"");
		assertThat(this.http.get(path(id, "")).<List<String>>json("$.referral.reviewCauses"))
			.containsExactly("NO_REACHABLE_CHANNEL");
	}

	private void knownTherapist(String therapistId, String organizationId) {
		Wire.publish(this.kafka, new TherapistChangedV1(therapistId, organizationId, true, 2, 0, 1,
				Instant.parse("2026-11-01T00:00:00Z")));
		await().atMost(ofSeconds(20)).until(() -> this.capacity.organizationOf(therapistId).isPresent());
	}

	private Http.Answer act(String id, String action, String body) {
		Http.Answer answer = this.http.postJson(path(id, action), body, "If-Match", etag(id));
		assertThat(answer.status()).as(action + ": " + answer.body()).isEqualTo(200);
		return answer;
	}

	private String etag(String id) {
		Http.Answer answer = this.http.get(path(id, ""));
		assertThat(answer.status()).isEqualTo(200);
		return answer.header("etag");
	}

	private static String path(String id, String action) {
		return "/api/v1/queue/" + id + (action.isEmpty() ? "" : "/" + action);
	}

	private String proposedToLaval() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, new ReferralSubmittedV1(id, REGISTERED, IntakeChannel.PARTNER_API, "clsc-ahuntsic",
				null, "fr", List.of("fr"), Clientele.ADULT, List.of(Approach.HUMANISTIC_EXISTENTIAL), false,
				Modality.EITHER, List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))),
				Priority.C, "H2M", List.of(), null, null));
		Wire.publish(this.kafka, new ProposalMadeV1(id, "p-" + id, "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE", "CLIENTELE"), Map.of("approach", 0.8), 0.8),
				Instant.now(), "Camille", "Centre St-Pierre"));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get(path(id, "")),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
		return id;
	}

}

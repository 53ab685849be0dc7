package ca.aiguillage.matching;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class MatchingIntegrationTests extends RunningService {

	private static final String DEAD_LETTERS = "error." + Topics.REFERRAL_EVENTS + ".matching-service";

	private static final JsonMapper JSON = MatchingWire.JSON;

	@Autowired
	MongoOperations mongo;

	@Autowired
	@Qualifier("referralEvent")
	Consumer<Message<byte[]>> referralEvent;

	/**
	 * Each test works in an organization of its own, so that tests never compete for the
	 * same places.
	 */
	String organization;

	private static final AtomicInteger ORGANIZATIONS = new AtomicInteger();

	@BeforeEach
	void connect() {
		this.organization = String.format("org-it-%03d", ORGANIZATIONS.incrementAndGet());
	}

	@Test
	void fittingTherapistIsProposedAsACloudEventKeyedByTheReferral() {
		String therapistId = put(therapist().put("places", 2)).json("$.id");
		ObjectNode referral = referral();

		submit(referral);

		WireRecord event = await().atMost(ofSeconds(30)).until(() -> outcomes(id(referral)), r -> r.size() == 1).get(0);
		assertThat(event.header("ce_type")).isEqualTo(EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(event.header("ce_specversion")).isEqualTo("1.0");
		assertThat(event.header("ce_source")).isEqualTo("/aiguillage/matching-service");
		assertThat(event.header("ce_subject")).isEqualTo(id(referral));
		assertThat(event.header("ce_dataschema")).isEqualTo(EventCatalog.PROPOSAL_MADE_V1.dataSchema().toString());
		assertThat(event.header("ce_id")).isNotBlank();
		assertThat(JsonPath.<String>read(event.value(), "$.therapistId")).isEqualTo(therapistId);
		assertThat(JsonPath.<String>read(event.value(), "$.organizationId")).isEqualTo(this.organization);
		assertThat(JsonPath.<String>read(event.value(), "$.modality")).isEqualTo("IN_PERSON");
		assertThat(JsonPath.<Map<String, String>>read(event.value(), "$.slot")).containsEntry("day", "TUESDAY")
			.hasEntrySatisfying("start", start -> assertThat(start).startsWith("10:00"))
			.hasEntrySatisfying("end", end -> assertThat(end).startsWith("11:00"));
		assertThat(JsonPath.<List<String>>read(event.value(), "$.explanation.constraintsMet")).containsExactly(
				"SHARED_LANGUAGE", "CLIENTELE", "MODALITY", "WITHIN_REACH", "COMMON_SLOT", "FREE_PLACE",
				"TARGET_ORGANIZATION");
		assertThat(this.http.get("/api/v1/therapists/" + therapistId).<Integer>json("$.freePlaces")).isEqualTo(1);
	}

	@Test
	void redeliveredReferralReservesOnePlaceAndIsProposedOnce() {
		// Two fitting therapists: a redelivery matched anew would reserve the other one's
		// place.
		String one = put(therapist().put("places", 3)).json("$.id");
		String other = put(therapist().put("places", 3)).json("$.id");
		ObjectNode referral = referral();
		String eventId = UUID.randomUUID().toString();

		submit(referral, eventId);
		submit(referral, eventId);

		await().atMost(ofSeconds(30)).until(() -> outcomes(id(referral)), records -> !records.isEmpty());
		awaitEverythingConsumed();
		assertThat(reservations(one).size() + reservations(other).size()).isEqualTo(1);
		await().atMost(ofSeconds(10)).until(() -> outbox(one).isEmpty() && outbox(other).isEmpty());
		assertThat(outcomes(id(referral))).hasSize(1);
	}

	@Test
	void referralNoTherapistFitsIsAnnouncedAsNoMatchWithItsReason() {
		put(therapist().set("languages", JSON.valueToTree(List.of("fr", "en"))));
		ObjectNode referral = referral().set("languages", JSON.valueToTree(List.of("vi")));

		submit(referral);

		WireRecord event = await().atMost(ofSeconds(30)).until(() -> outcomes(id(referral)), r -> r.size() == 1).get(0);
		assertThat(event.header("ce_type")).isEqualTo(EventCatalog.NO_MATCH_FOUND_V1.type());
		assertThat(JsonPath.<List<String>>read(event.value(), "$.reasons")).containsExactly("NO_SHARED_LANGUAGE");
		assertThat(JsonPath.<Integer>read(event.value(), "$.candidatesExamined")).isEqualTo(1);
		Document request = this.mongo.findById(id(referral), Document.class, "match_requests");
		assertThat(request).isNotNull();
		assertThat(request.get("needs", Document.class).getList("languages", String.class)).containsExactly("vi");
	}

	@Test
	void lastFreePlaceGoesToOneOfTwoReferralsAndTheOtherIsToldWhy() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode first = referral();
		ObjectNode second = referral();

		submit(first);
		submit(second);

		Map<String, String> types = awaitOutcomeTypes(first, second);
		assertThat(types.values()).containsExactlyInAnyOrder(EventCatalog.PROPOSAL_MADE_V1.type(),
				EventCatalog.NO_MATCH_FOUND_V1.type());
		String unmatched = types.get(id(first)).equals(EventCatalog.NO_MATCH_FOUND_V1.type()) ? id(first) : id(second);
		assertThat(JsonPath.<List<String>>read(outcomes(unmatched).get(0).value(), "$.reasons"))
			.containsExactly("NO_FREE_PLACE");
		assertThat(reservations(therapistId)).hasSize(1);
	}

	@Test
	void twoMatchersRacingForTheLastPlaceNeverBothTakeIt() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode first = referral();
		ObjectNode second = referral();
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService matchers = Executors.newFixedThreadPool(2);

		try {
			CompletableFuture
				.allOf(CompletableFuture.runAsync(() -> deliverDirectly(first, start), matchers),
						CompletableFuture.runAsync(() -> deliverDirectly(second, start), matchers))
				.join();
		}
		finally {
			matchers.shutdown();
		}

		assertThat(reservations(therapistId)).hasSize(1);
		assertThat(awaitOutcomeTypes(first, second).values())
			.containsExactlyInAnyOrder(EventCatalog.PROPOSAL_MADE_V1.type(), EventCatalog.NO_MATCH_FOUND_V1.type());
	}

	@Test
	void malformedEventGoesToTheDeadLetterTopicAndMatchingCarriesOn() {
		put(therapist());
		ObjectNode malformed = referral();
		malformed.remove("languages");
		String badId = submit(malformed);
		ObjectNode good = referral();

		submit(good);

		WireRecord dead = this.kafka.awaitEvent(DEAD_LETTERS, badId);
		assertThat(dead.header("x-exception-message")).contains("violates its schema", "languages");
		await().atMost(ofSeconds(30)).until(() -> outcomes(id(good)), records -> records.size() == 1);
		assertThat(outcomes(id(malformed))).isEmpty();
	}

	@Test
	void replacingADirectoryEntryKeepsItsReservedPlaces() {
		String therapistId = put(therapist().put("places", 2)).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		await().atMost(ofSeconds(30)).until(() -> outcomes(id(referral)), records -> records.size() == 1);

		Http.Answer replaced = put(therapistId, therapist().put("places", 4).put("firstName", "Geneviève"));

		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.<String>json("$.firstName")).isEqualTo("Geneviève");
		assertThat(replaced.<Integer>json("$.freePlaces")).isEqualTo(3);
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(referral));
	}

	@Test
	void directoryIsListedPageByPageInIdOrder() {
		for (int i = 1; i <= 5; i++) {
			put(this.organization + "-t" + i, therapist());
		}

		Http.Answer first = this.http.get("/api/v1/therapists?organizationId=" + this.organization + "&size=2");
		Http.Answer last = this.http.get("/api/v1/therapists?organizationId=" + this.organization + "&size=2&page=2");

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.<List<String>>json("$.content[*].id")).containsExactly(this.organization + "-t1",
				this.organization + "-t2");
		assertThat(first.<Integer>json("$.page.totalElements")).isEqualTo(5);
		assertThat(first.<Integer>json("$.page.totalPages")).isEqualTo(3);
		assertThat(last.<List<String>>json("$.content[*].id")).containsExactly(this.organization + "-t5");
	}

	@Test
	void directoryIsFilteredByLanguageAndApproach() {
		put(this.organization + "-en", therapist().set("languages", JSON.valueToTree(List.of("fr", "en"))));
		put(this.organization + "-es-pd", therapist().set("languages", JSON.valueToTree(List.of("fr", "es")))
			.set("approaches", JSON.valueToTree(List.of("PSYCHODYNAMIC"))));
		put(this.organization + "-es-cbt", therapist().set("languages", JSON.valueToTree(List.of("fr", "es"))));
		String inOrganization = "/api/v1/therapists?organizationId=" + this.organization;

		Http.Answer spanish = this.http.get(inOrganization + "&language=es");
		Http.Answer spanishCbt = this.http.get(inOrganization + "&language=es&approach=COGNITIVE_BEHAVIOURAL");

		assertThat(spanish.<List<String>>json("$.content[*].id")).containsExactly(this.organization + "-es-cbt",
				this.organization + "-es-pd");
		assertThat(spanishCbt.<List<String>>json("$.content[*].id")).containsExactly(this.organization + "-es-cbt");
		assertThat(spanish.body()).doesNotContain("version", "outbox", "appliedEventIds", "reservations");
	}

	@Test
	void unknownFilterValueGetsAProblemNamingTheParameter() {
		Http.Answer answer = this.http.get("/api/v1/therapists?approach=HYPNOSIS&size=500");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("size", "approach");
	}

	@Test
	void invalidEntryGetsAFrenchProblemNamingTheFieldsAndStoresNothing() {
		String id = this.organization + "-bad";

		ObjectNode invalid = therapist().put("places", -1).set("languages", JSON.valueToTree(List.of("fr", "xx")));

		Http.Answer answer = put(id, invalid);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Requête invalide");
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("languages[1]", "places",
				"lowFeePlaces");
		assertThat(answer.<List<String>>json("$.errors[*].message")).startsWith(
				"Code de langue inconnu (ISO 639-1 attendu, par exemple fr, en, es).",
				"La valeur ne peut pas être négative.");
		assertThat(this.http.get("/api/v1/therapists/" + id).status()).isEqualTo(404);
	}

	@Test
	void problemIsInEnglishWhenAskedFor() {
		Http.Answer answer = put(this.organization + "-bad",
				therapist().set("modalities", JSON.valueToTree(List.of("EITHER"))), "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<String>json("$.title")).isEqualTo("Invalid request");
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("modalities[0]");
		assertThat(answer.<List<String>>json("$.errors[*].message"))
			.containsExactly("Name the modalities offered: IN_PERSON and/or VIDEO.");
	}

	@Test
	void missingFieldsAndUnknownValuesAreNamed() {
		ObjectNode withoutName = therapist();
		withoutName.remove("firstName");

		Http.Answer missing = put(this.organization + "-t1", withoutName);
		Http.Answer unknownApproach = put(this.organization + "-t1",
				therapist().set("approaches", JSON.valueToTree(List.of("HYPNOSIS"))));

		assertThat(missing.<List<String>>json("$.errors[*].field")).containsExactly("firstName");
		assertThat(missing.<List<String>>json("$.errors[*].message")).containsExactly("Ce champ est obligatoire.");
		assertThat(unknownApproach.status()).isEqualTo(400);
		assertThat(unknownApproach.<List<String>>json("$.errors[*].field")).containsExactly("approaches[0]");
	}

	@Test
	void unknownTherapistGetsANotFoundProblem() {
		Http.Answer answer = this.http.get("/api/v1/therapists/nobody-" + this.organization);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Introuvable");
	}

	@Test
	void proposalNamesTheTherapistAndTheOrganizationForMessages() {
		put(therapist());
		ObjectNode referral = referral();

		submit(referral);

		WireRecord event = await().atMost(ofSeconds(30)).until(() -> outcomes(id(referral)), r -> r.size() == 1).get(0);
		assertThat(JsonPath.<String>read(event.value(), "$.therapistFirstName")).isEqualTo("Nadia");
		assertThat(JsonPath.<String>read(event.value(), "$.organizationName")).startsWith("Organisme ");
		assertThat(JsonPath.<Map<String, Double>>read(event.value(), "$.explanation.scoreParts"))
			.containsOnlyKeys("approach", "aging", "priority", "continuity", "load");
	}

	@Test
	void directoryChangeIsPublishedKeyedByTheTherapist() {
		String therapistId = put(therapist().put("places", 3).put("lowFeePlaces", 1)).json("$.id");

		WireRecord changed = await().atMost(ofSeconds(30))
			.until(() -> this.kafka.readAll(Topics.MATCHING_EVENTS)
				.stream()
				.filter(record -> therapistId.equals(record.key()))
				.toList(), records -> !records.isEmpty())
			.get(0);
		assertThat(changed.header("ce_type")).isEqualTo(EventCatalog.THERAPIST_CHANGED_V1.type());
		assertThat(JsonPath.<Integer>read(changed.value(), "$.freePlaces")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(changed.value(), "$.lowFeePlaces")).isEqualTo(1);
	}

	@Test
	void lowFeeClientIsProposedOnlyATherapistWithAFreeLowFeePlace() {
		put(therapist().put("places", 2).put("lowFeePlaces", 0));
		String lowFee = put(therapist().put("places", 2).put("lowFeePlaces", 1)).json("$.id");
		ObjectNode referral = referral();
		((ObjectNode) referral.get("fee")).put("lowFee", true);

		submit(referral);

		WireRecord event = await().atMost(ofSeconds(30)).until(() -> outcomes(id(referral)), r -> r.size() == 1).get(0);
		assertThat(JsonPath.<String>read(event.value(), "$.therapistId")).isEqualTo(lowFee);
		assertThat(JsonPath.<List<String>>read(event.value(), "$.explanation.constraintsMet"))
			.contains("LOW_FEE_PLACE");
	}

	@Test
	void entryOfAnOrganizationOutsideTheNetworkGetsAProblem() {
		Http.Answer answer = put(this.organization + "-t1", therapist().put("organizationId", "org-nowhere"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("organizationId");
		assertThat(answer.<List<String>>json("$.errors[*].message")).containsExactly("Organisme inconnu du réseau.");
	}

	@Test
	void declinedPlaceGoesToTheWaitingReferralAndTheClientIsNotProposedThatTherapistAgain() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode first = referral();
		ObjectNode second = referral();
		submit(first);
		awaitOutcome(first, EventCatalog.PROPOSAL_MADE_V1.type());
		submit(second);
		awaitOutcome(second, EventCatalog.NO_MATCH_FOUND_V1.type());

		decide(EventCatalog.PROPOSAL_DECLINED_V1.type(), id(first), UUID.randomUUID().toString(),
				Map.of("referralId", id(first), "proposalId", "p-1", "therapistId", therapistId, "decidedBy", "CLIENT",
						"declinedAt", "2026-11-21T09:00:00Z"));

		WireRecord released = awaitOutcome(first, EventCatalog.PLACE_RELEASED_V1.type());
		assertThat(JsonPath.<String>read(released.value(), "$.cause")).isEqualTo("DECLINED");
		WireRecord proposal = awaitOutcome(second, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(therapistId);
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(second));
		Document declined = this.mongo.findById(id(first), Document.class, "match_requests");
		assertThat(declined.get("needs", Document.class).getList("declinedTherapists", String.class))
			.containsExactly(therapistId);
		assertThat(declined.getString("status")).isEqualTo("WAITING");
	}

	@Test
	void expiredProposalGivesThePlaceAtOnceToTheNextWaitingClientAndNeverAgainToTheSilentOne() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode silent = referral();
		ObjectNode next = referral();
		submit(silent);
		awaitOutcome(silent, EventCatalog.PROPOSAL_MADE_V1.type());
		submit(next);
		awaitOutcome(next, EventCatalog.NO_MATCH_FOUND_V1.type());

		decide(EventCatalog.PROPOSAL_EXPIRED_V1.type(), id(silent), UUID.randomUUID().toString(), Map.of("referralId",
				id(silent), "proposalId", "p-1", "therapistId", therapistId, "expiredAt", "2026-11-23T09:00:00Z"));

		WireRecord released = awaitOutcome(silent, EventCatalog.PLACE_RELEASED_V1.type());
		assertThat(JsonPath.<String>read(released.value(), "$.cause")).isEqualTo("EXPIRED");
		WireRecord proposal = awaitOutcome(next, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(therapistId);
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(next));
		Document expired = this.mongo.findById(id(silent), Document.class, "match_requests");
		assertThat(expired.get("needs", Document.class).getList("declinedTherapists", String.class))
			.containsExactly(therapistId);
		assertThat(expired.getString("status")).isEqualTo("WAITING");
	}

	@Test
	void endedTherapyFreesThePlaceForTheLongestWaitingReferralThatFits() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode inTherapy = referral();
		ObjectNode waitingLonger = referral().put("submittedAt", "2026-09-01T10:00:00Z");
		ObjectNode waitingLess = referral().put("submittedAt", "2026-11-01T10:00:00Z");
		submit(inTherapy);
		awaitOutcome(inTherapy, EventCatalog.PROPOSAL_MADE_V1.type());
		submit(waitingLess);
		submit(waitingLonger);
		awaitOutcome(waitingLess, EventCatalog.NO_MATCH_FOUND_V1.type());
		awaitOutcome(waitingLonger, EventCatalog.NO_MATCH_FOUND_V1.type());

		decide(EventCatalog.THERAPY_ENDED_V1.type(), id(inTherapy), UUID.randomUUID().toString(),
				Map.of("referralId", id(inTherapy), "therapistId", therapistId, "endedAt", "2027-03-01T15:00:00Z"));

		awaitOutcome(waitingLonger, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(waitingLonger));
		assertThat(this.mongo.findById(id(inTherapy), Document.class, "match_requests").getString("status"))
			.isEqualTo("CLOSED");
	}

	@Test
	void reprioritisedReferralGetsTheNextFreedPlaceBeforeAnEqualOne() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode inTherapy = referral();
		ObjectNode unchanged = referral().put("submittedAt", "2026-11-01T10:00:00Z").put("priority", "E");
		ObjectNode raised = referral().put("submittedAt", "2026-11-01T10:00:00Z").put("priority", "E");
		submit(inTherapy);
		awaitOutcome(inTherapy, EventCatalog.PROPOSAL_MADE_V1.type());
		submit(unchanged);
		submit(raised);
		awaitOutcome(unchanged, EventCatalog.NO_MATCH_FOUND_V1.type());
		awaitOutcome(raised, EventCatalog.NO_MATCH_FOUND_V1.type());

		decide(EventCatalog.REPRIORITISED_V1.type(), id(raised), UUID.randomUUID().toString(),
				Map.of("referralId", id(raised), "priority", "A", "reprioritisedAt", "2026-11-20T10:00:00Z"));
		await().atMost(ofSeconds(30))
			.until(() -> this.mongo.findById(id(raised), Document.class, "match_requests")
				.get("needs", Document.class)
				.getString("priority"), "A"::equals);
		decide(EventCatalog.THERAPY_ENDED_V1.type(), id(inTherapy), UUID.randomUUID().toString(),
				Map.of("referralId", id(inTherapy), "therapistId", therapistId, "endedAt", "2027-03-01T15:00:00Z"));

		awaitOutcome(raised, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(raised));
	}

	@Test
	void clientWhoAnsweredACheckInGetsTheNextFreedPlaceBeforeOneWhoWaitedADayLonger() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode inTherapy = referral();
		ObjectNode waitingLonger = referral().put("submittedAt", "2026-11-01T10:00:00Z");
		ObjectNode confirmed = referral().put("submittedAt", "2026-11-02T10:00:00Z");
		submit(inTherapy);
		awaitOutcome(inTherapy, EventCatalog.PROPOSAL_MADE_V1.type());
		submit(waitingLonger);
		submit(confirmed);
		awaitOutcome(waitingLonger, EventCatalog.NO_MATCH_FOUND_V1.type());
		awaitOutcome(confirmed, EventCatalog.NO_MATCH_FOUND_V1.type());

		answerCheckIn(id(confirmed), "STILL_WAITING", Instant.now());
		awaitAvailableConfirmed(confirmed);
		decide(EventCatalog.THERAPY_ENDED_V1.type(), id(inTherapy), UUID.randomUUID().toString(),
				Map.of("referralId", id(inTherapy), "therapistId", therapistId, "endedAt", "2027-03-01T15:00:00Z"));

		WireRecord proposal = awaitOutcome(confirmed, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(confirmed));
		assertThat(proposal.value()).contains("\"confirmedAvailable\":2.0");
	}

	@Test
	void checkInAnswerThatOvertakesItsReferralIsAppliedWhenTheReferralArrives() {
		ObjectNode referral = referral();
		Instant answeredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		answerCheckIn(id(referral), "STILL_WAITING", answeredAt);
		await().atMost(ofSeconds(30))
			.until(() -> this.mongo.findById(id(referral), Document.class, "match_requests") != null);

		submit(referral);

		awaitOutcome(referral, EventCatalog.NO_MATCH_FOUND_V1.type());
		assertThat(awaitAvailableConfirmed(referral)).isEqualTo(Date.from(answeredAt));
	}

	@Test
	void noLongerNeededAnswerGivesNoPreference() {
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.NO_MATCH_FOUND_V1.type());

		answerCheckIn(id(referral), "NO_LONGER_NEEDED", Instant.now());
		String lastEventId = answerCheckIn(id(referral), "STILL_WAITING", Instant.parse("2026-01-01T10:00:00Z"));
		await().atMost(ofSeconds(30))
			.until(() -> this.mongo.findById(id(referral), Document.class, "match_requests")
				.getList("appliedEventIds", String.class)
				.contains(lastEventId));

		// Only the older OUI was kept: the NON before it set nothing.
		assertThat(this.mongo.findById(id(referral), Document.class, "match_requests")
			.get("needs", Document.class)
			.get("availableConfirmedAt")).isEqualTo(Date.from(Instant.parse("2026-01-01T10:00:00Z")));
	}

	@Test
	void placesATherapistAddsGoToWaitingReferrals() {
		String therapistId = this.organization + "-t1";
		put(therapistId, therapist().put("places", 0));
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.NO_MATCH_FOUND_V1.type());

		put(therapistId, therapist().put("places", 1));

		WireRecord proposal = awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(therapistId);
	}

	@Test
	void redeliveredDeclineReleasesThePlaceOnce() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());
		String eventId = UUID.randomUUID().toString();
		Map<String, String> expired = Map.of("referralId", id(referral), "proposalId", "p-1", "therapistId",
				therapistId, "expiredAt", "2026-11-28T09:00:00Z");

		decide(EventCatalog.PROPOSAL_EXPIRED_V1.type(), id(referral), eventId, expired);
		decide(EventCatalog.PROPOSAL_EXPIRED_V1.type(), id(referral), eventId, expired);

		awaitOutcome(referral, EventCatalog.PLACE_RELEASED_V1.type());
		await().atMost(ofSeconds(30))
			.until(() -> this.kafka.hasConsumedEverything("matching-service", Topics.WAITLIST_EVENTS));
		assertThat(outcomes(id(referral)))
			.filteredOn(r -> r.header("ce_type").equals(EventCatalog.PLACE_RELEASED_V1.type()))
			.hasSize(1);
	}

	@Test
	void eventNamingAnUnknownTherapistGoesToTheDeadLetterTopicWithItsCause() {
		put(therapist());
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());
		String eventId = UUID.randomUUID().toString();

		decide(EventCatalog.PROPOSAL_DECLINED_V1.type(), id(referral), eventId,
				Map.of("referralId", id(referral), "proposalId", "p-1", "therapistId", "nobody", "decidedBy", "CLIENT",
						"declinedAt", "2026-11-21T09:00:00Z"));

		WireRecord dead = this.kafka.awaitEvent("error." + Topics.WAITLIST_EVENTS + ".matching-service", eventId);
		assertThat(dead.header("x-exception-message")).contains("therapistId names no therapist");
	}

	@Test
	void eventNamingAnUnknownReferralGoesToTheDeadLetterTopicWithItsCause() {
		String therapistId = put(therapist()).json("$.id");
		String eventId = UUID.randomUUID().toString();

		decide(EventCatalog.THERAPY_ENDED_V1.type(), "never-seen", eventId,
				Map.of("referralId", "never-seen", "therapistId", therapistId, "endedAt", "2027-03-01T15:00:00Z"));

		WireRecord dead = this.kafka.awaitEvent("error." + Topics.WAITLIST_EVENTS + ".matching-service", eventId);
		assertThat(dead.header("x-exception-message")).contains("referralId names no referral");
	}

	@Test
	void coordinatorsOverrideMovesThePlaceAndListsTheConstraintsItBreaks() {
		String first = put(therapist().put("places", 1)).json("$.id");
		String second = put(therapist().put("places", 1)).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		String proposed = JsonPath.read(awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type()).value(),
				"$.therapistId");
		String chosen = proposed.equals(first) ? second : first;

		decide(EventCatalog.PROPOSAL_OVERRIDDEN_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "therapistId", chosen, "brokenConstraints", List.of("COMMON_SLOT"),
						"overriddenAt", "2026-11-21T09:00:00Z"));

		WireRecord released = awaitOutcome(referral, EventCatalog.PLACE_RELEASED_V1.type());
		assertThat(JsonPath.<String>read(released.value(), "$.cause")).isEqualTo("OVERRIDDEN");
		WireRecord moved = await().atMost(ofSeconds(30))
			.until(() -> outcomes(id(referral)).stream()
				.filter(r -> EventCatalog.PROPOSAL_MADE_V1.type().equals(r.header("ce_type")))
				.toList(), proposals -> proposals.size() == 2)
			.get(1);
		assertThat(JsonPath.<String>read(moved.value(), "$.therapistId")).isEqualTo(chosen);
		assertThat(JsonPath.<List<String>>read(moved.value(), "$.explanation.constraintsMet"))
			.containsExactly("COORDINATOR_OVERRIDE");
		assertThat(JsonPath.<List<String>>read(moved.value(), "$.explanation.constraintsBroken"))
			.containsExactly("COMMON_SLOT");
		assertThat(reservations(proposed)).isEmpty();
		assertThat(reservations(chosen)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(referral));
	}

	@Test
	void confirmedProposalMakesThePlaceTheClients() {
		String therapistId = put(therapist()).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());

		decide(EventCatalog.PROPOSAL_CONFIRMED_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "proposalId", "p-1", "therapistId", therapistId, "decidedBy",
						"CLIENT", "confirmedAt", "2026-11-21T09:00:00Z"));

		await().atMost(ofSeconds(30))
			.untilAsserted(() -> assertThat(
					this.mongo.findById(id(referral), Document.class, "match_requests").getString("status"))
				.isEqualTo("CONFIRMED"));
		assertThat(reservations(therapistId)).singleElement()
			.satisfies(reservation -> assertThat(reservation.getBoolean("confirmed")).isTrue());
	}

	@Test
	void withdrawnReferralGivesItsPlaceBack() {
		String therapistId = put(therapist()).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());

		this.kafka.send(Topics.REFERRAL_EVENTS, id(referral),
				JSON.writeValueAsString(Map.of("referralId", id(referral), "partnerId", "clsc-ahuntsic", "withdrawnBy",
						"REFERRER", "withdrawnAt", "2026-11-21T09:00:00Z")),
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), EventCatalog.REFERRAL_WITHDRAWN_V1.type(),
						id(referral)));

		WireRecord released = awaitOutcome(referral, EventCatalog.PLACE_RELEASED_V1.type());
		assertThat(JsonPath.<String>read(released.value(), "$.cause")).isEqualTo("WITHDRAWN");
		assertThat(reservations(therapistId)).isEmpty();
		assertThat(this.mongo.findById(id(referral), Document.class, "match_requests").getString("status"))
			.isEqualTo("CLOSED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1", "v2" })
	void referralLeavingTheQueueReleasesItsPlaceToAWaitingReferralThatFits(String version) {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode leaving = referral();
		// Waits longest but shares no language with the therapist: it must not get the
		// place.
		ObjectNode notFitting = referral().put("submittedAt", "2026-08-01T10:00:00Z")
			.set("languages", JSON.valueToTree(List.of("vi")));
		ObjectNode fitting = referral().put("submittedAt", "2026-11-01T10:00:00Z");
		submit(leaving);
		awaitOutcome(leaving, EventCatalog.PROPOSAL_MADE_V1.type());
		submit(notFitting);
		submit(fitting);
		awaitOutcome(notFitting, EventCatalog.NO_MATCH_FOUND_V1.type());
		awaitOutcome(fitting, EventCatalog.NO_MATCH_FOUND_V1.type());

		if (version.equals("v1")) {
			decide(EventCatalog.REFERRAL_LEFT_QUEUE_V1.type(), id(leaving), UUID.randomUUID().toString(),
					Map.of("referralId", id(leaving), "outcome", "UNREACHABLE", "leftAt", "2026-11-22T09:00:00Z"));
		}
		else {
			// The client's own « NON, plus besoin », which V1 could not say.
			decide(EventCatalog.REFERRAL_LEFT_QUEUE_V2.type(), id(leaving), UUID.randomUUID().toString(),
					Map.of("referralId", id(leaving), "outcome", "NO_LONGER_NEEDED", "closedBy", "CLIENT", "leftAt",
							"2026-11-22T09:00:00Z"));
		}

		WireRecord released = awaitOutcome(leaving, EventCatalog.PLACE_RELEASED_V1.type());
		assertThat(JsonPath.<String>read(released.value(), "$.cause")).isEqualTo("LEFT_QUEUE");
		assertThat(JsonPath.<String>read(released.value(), "$.therapistId")).isEqualTo(therapistId);
		WireRecord proposal = awaitOutcome(fitting, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(therapistId);
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(fitting));
		assertThat(outcomes(id(notFitting))).extracting(record -> record.header("ce_type"))
			.doesNotContain(EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(this.mongo.findById(id(leaving), Document.class, "match_requests").getString("status"))
			.isEqualTo("CLOSED");
	}

	@Test
	void rematchKeepsTheOriginalRegistrationDateAndProposesAnotherTherapist() {
		String first = put(therapist().put("places", 1)).json("$.id");
		String second = put(therapist().put("places", 1)).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		String proposed = JsonPath.read(awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type()).value(),
				"$.therapistId");

		decide(EventCatalog.REMATCH_REQUESTED_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "therapistId", proposed, "registeredAt", "2026-10-01T10:00:00Z",
						"requestedAt", "2026-12-01T09:00:00Z"));

		WireRecord released = awaitOutcome(referral, EventCatalog.PLACE_RELEASED_V1.type());
		assertThat(JsonPath.<String>read(released.value(), "$.cause")).isEqualTo("REMATCH");
		WireRecord again = await().atMost(ofSeconds(30))
			.until(() -> outcomes(id(referral)).stream()
				.filter(r -> EventCatalog.PROPOSAL_MADE_V1.type().equals(r.header("ce_type")))
				.toList(), proposals -> proposals.size() == 2)
			.get(1);
		assertThat(JsonPath.<String>read(again.value(), "$.therapistId"))
			.isEqualTo(proposed.equals(first) ? second : first);
		Document request = this.mongo.findById(id(referral), Document.class, "match_requests");
		assertThat(request.get("needs", Document.class).getDate("registeredAt").toInstant())
			.isEqualTo(java.time.Instant.parse("2026-10-01T10:00:00Z"));
	}

	@Test
	void referralThatLeftTheQueueBeforeItsSubmissionArrivedNeverGetsAPlace() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode referral = referral();
		String eventId = UUID.randomUUID().toString();
		decide(EventCatalog.REFERRAL_LEFT_QUEUE_V1.type(), id(referral), eventId,
				Map.of("referralId", id(referral), "outcome", "UNREACHABLE", "leftAt", "2026-11-22T09:00:00Z"));
		await().atMost(ofSeconds(30))
			.until(() -> this.kafka.hasConsumedEverything("matching-service", Topics.WAITLIST_EVENTS));

		submit(referral);

		await().atMost(ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.mongo.findById(id(referral), Document.class, "match_requests")).isNotNull()
						.satisfies(request -> assertThat(request.get("needs")).isNotNull()));
		awaitEverythingConsumed();
		assertThat(this.mongo.findById(id(referral), Document.class, "match_requests").getString("status"))
			.isEqualTo("CLOSED");
		assertThat(reservations(therapistId)).isEmpty();
		assertThat(outcomes(id(referral))).extracting(record -> record.header("ce_type"))
			.doesNotContain(EventCatalog.PROPOSAL_MADE_V1.type());
	}

	@Test
	void networkReferralTakenByAnOrganizationIsProposedOnlyItsTherapists() {
		String taker = this.organization;
		String other = String.format("org-it-%03d", ORGANIZATIONS.incrementAndGet());
		ObjectNode referral = referral().putNull("organizationId").set("languages", JSON.valueToTree(List.of("hy")));
		submit(referral);
		awaitOutcome(referral, EventCatalog.NO_MATCH_FOUND_V1.type());

		decide(EventCatalog.REFERRAL_TAKEN_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "organizationId", taker, "takenAt", "2026-11-22T09:00:00Z"));
		await().atMost(ofSeconds(30))
			.until(() -> this.mongo.findById(id(referral), Document.class, "match_requests")
				.get("needs", Document.class)
				.getString("organizationId"), taker::equals);
		String otherTherapist = other + "-hy";
		assertThat(put(otherTherapist,
				MatchingWire.therapist(other).<ObjectNode>set("languages", JSON.valueToTree(List.of("hy"))))
			.status()).isEqualTo(201);
		String takersTherapist = taker + "-hy";
		assertThat(put(takersTherapist, therapist().<ObjectNode>set("languages", JSON.valueToTree(List.of("hy"))))
			.status()).isEqualTo(201);

		WireRecord proposal = awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());
		assertThat(JsonPath.<String>read(proposal.value(), "$.therapistId")).isEqualTo(takersTherapist);
		assertThat(reservations(otherTherapist)).isEmpty();
	}

	@Test
	void organizationThatTookAReferralBeforeItsSubmissionArrivedIsKept() {
		ObjectNode referral = referral().putNull("organizationId").set("languages", JSON.valueToTree(List.of("hy")));
		decide(EventCatalog.REFERRAL_TAKEN_V1.type(), id(referral), UUID.randomUUID().toString(), Map.of("referralId",
				id(referral), "organizationId", this.organization, "takenAt", "2026-11-22T09:00:00Z"));
		await().atMost(ofSeconds(30))
			.until(() -> this.kafka.hasConsumedEverything("matching-service", Topics.WAITLIST_EVENTS));

		submit(referral);

		awaitOutcome(referral, EventCatalog.NO_MATCH_FOUND_V1.type());
		assertThat(this.mongo.findById(id(referral), Document.class, "match_requests")
			.get("needs", Document.class)
			.getString("organizationId")).isEqualTo(this.organization);
	}

	@Test
	void priorityDecidedBeforeTheSubmissionArrivedIsKept() {
		put(therapist().set("languages", JSON.valueToTree(List.of("fr", "en"))));
		ObjectNode referral = referral().set("languages", JSON.valueToTree(List.of("vi")));
		decide(EventCatalog.REPRIORITISED_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "priority", "A", "reprioritisedAt", "2026-11-22T09:00:00Z"));
		await().atMost(ofSeconds(30))
			.until(() -> this.kafka.hasConsumedEverything("matching-service", Topics.WAITLIST_EVENTS));

		submit(referral);

		awaitOutcome(referral, EventCatalog.NO_MATCH_FOUND_V1.type());
		assertThat(this.mongo.findById(id(referral), Document.class, "match_requests")
			.get("needs", Document.class)
			.getString("priority")).isEqualTo("A");
	}

	@Test
	void overrideToATherapistWithoutAFreePlaceKeepsTheProposalAndLosesNoPlace() {
		String full = put(therapist().put("places", 1)).json("$.id");
		ObjectNode occupant = referral();
		submit(occupant);
		awaitOutcome(occupant, EventCatalog.PROPOSAL_MADE_V1.type());
		String proposed = put(therapist().put("places", 1)).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		WireRecord proposal = awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());
		ObjectNode waiting = referral();
		submit(waiting);
		awaitOutcome(waiting, EventCatalog.NO_MATCH_FOUND_V1.type());

		decide(EventCatalog.PROPOSAL_OVERRIDDEN_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "therapistId", full, "brokenConstraints", List.of(), "overriddenAt",
						"2026-11-21T09:00:00Z"));

		// The queue, which moved the referral to the chosen therapist, hears the
		// proposal stands.
		WireRecord again = await().atMost(ofSeconds(30))
			.until(() -> proposals(referral), proposals -> proposals.size() == 2)
			.get(1);
		assertThat(JsonPath.<String>read(again.value(), "$.therapistId")).isEqualTo(proposed);
		assertThat(JsonPath.<String>read(again.value(), "$.proposalId"))
			.isEqualTo(JsonPath.<String>read(proposal.value(), "$.proposalId"));
		assertThat(reservations(proposed)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(referral));
		assertThat(reservations(full)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(occupant));
		assertThat(outcomes(id(referral))).extracting(record -> record.header("ce_type"))
			.doesNotContain(EventCatalog.PLACE_RELEASED_V1.type());
	}

	@Test
	void overrideToAnUnknownTherapistKeepsTheProposal() {
		String therapistId = put(therapist().put("places", 1)).json("$.id");
		ObjectNode referral = referral();
		submit(referral);
		awaitOutcome(referral, EventCatalog.PROPOSAL_MADE_V1.type());

		decide(EventCatalog.PROPOSAL_OVERRIDDEN_V1.type(), id(referral), UUID.randomUUID().toString(),
				Map.of("referralId", id(referral), "therapistId", this.organization + "-tnobody", "brokenConstraints",
						List.of(), "overriddenAt", "2026-11-21T09:00:00Z"));

		WireRecord again = await().atMost(ofSeconds(30))
			.until(() -> proposals(referral), proposals -> proposals.size() == 2)
			.get(1);
		assertThat(JsonPath.<String>read(again.value(), "$.therapistId")).isEqualTo(therapistId);
		assertThat(reservations(therapistId)).extracting(reservation -> reservation.getString("referralId"))
			.containsExactly(id(referral));
	}

	private List<WireRecord> proposals(ObjectNode referral) {
		return outcomes(id(referral)).stream()
			.filter(r -> EventCatalog.PROPOSAL_MADE_V1.type().equals(r.header("ce_type")))
			.toList();
	}

	private WireRecord awaitOutcome(ObjectNode referral, String type) {
		return MatchingWire.awaitOutcome(this.kafka, referral, type);
	}

	private void decide(String type, String referralId, String eventId, Map<String, ?> data) {
		MatchingWire.decide(this.kafka, type, referralId, eventId, data);
	}

	/** A client's answer to a check-in, as notification-service publishes it. */
	private String answerCheckIn(String referralId, String answer, Instant answeredAt) {
		String eventId = UUID.randomUUID().toString();
		this.kafka.send(Topics.NOTIFICATION_EVENTS, referralId,
				JSON.writeValueAsString(Map.of("referralId", referralId, "subject", "CHECK_IN", "subjectId",
						UUID.randomUUID().toString(), "answer", answer, "channel", "SMS", "answeredAt",
						answeredAt.toString())),
				KafkaProbe.cloudEventHeaders(eventId, EventCatalog.CLIENT_ANSWERED_V1.type(), referralId));
		return eventId;
	}

	private Object awaitAvailableConfirmed(ObjectNode referral) {
		return await().atMost(ofSeconds(30)).until(() -> {
			Document request = this.mongo.findById(id(referral), Document.class, "match_requests");
			Document needs = (request != null) ? request.get("needs", Document.class) : null;
			return (needs != null) ? needs.get("availableConfirmedAt") : null;
		}, java.util.Objects::nonNull);
	}

	/**
	 * A French- and Spanish-speaking CBT therapist for adults, both modalities, Tuesdays
	 * 10:00–12:00.
	 */
	private ObjectNode therapist() {
		return MatchingWire.therapist(this.organization);
	}

	/**
	 * The contract's fixture, sent to this test's organization under a new referral id.
	 */
	private ObjectNode referral() {
		return MatchingWire.referral(this.organization);
	}

	private static String id(ObjectNode referral) {
		return MatchingWire.id(referral);
	}

	private Http.Answer put(ObjectNode profile) {
		Http.Answer answer = put(this.organization + "-t" + UUID.randomUUID().toString().substring(0, 4), profile);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer;
	}

	private Http.Answer put(String id, ObjectNode profile, String... headers) {
		return this.http.putJson("/api/v1/therapists/" + id, JSON.writeValueAsString(profile), headers);
	}

	private String submit(ObjectNode referral) {
		String eventId = UUID.randomUUID().toString();
		submit(referral, eventId);
		return eventId;
	}

	private void submit(ObjectNode referral, String eventId) {
		MatchingWire.submit(this.kafka, referral, eventId);
	}

	/**
	 * Hands a referral event to the consumer function itself, as a second binding thread
	 * would.
	 */
	private void deliverDirectly(ObjectNode referral, CyclicBarrier start) {
		Message<byte[]> message = MessageBuilder.withPayload(JSON.writeValueAsBytes(referral))
			.copyHeaders(KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(),
					EventCatalog.REFERRAL_SUBMITTED_V1.type(), id(referral)))
			.build();
		try {
			start.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.referralEvent.accept(message);
	}

	/** matching-service's events about one referral. */
	private List<WireRecord> outcomes(String referralId) {
		return MatchingWire.outcomes(this.kafka, referralId);
	}

	private Map<String, String> awaitOutcomeTypes(ObjectNode first, ObjectNode second) {
		return await().atMost(ofSeconds(30)).until(() -> {
			Map<String, String> types = new HashMap<>();
			for (WireRecord record : this.kafka.readAll(Topics.MATCHING_EVENTS)) {
				if (id(first).equals(record.key()) || id(second).equals(record.key())) {
					types.merge(record.key(), record.header("ce_type"), (a, b) -> a + "," + b);
				}
			}
			return types;
		}, types -> types.size() == 2);
	}

	private List<Document> reservations(String therapistId) {
		Document therapist = this.mongo.findById(therapistId, Document.class, "therapists");
		assertThat(therapist).isNotNull();
		return therapist.getList("reservations", Document.class);
	}

	private List<Document> outbox(String therapistId) {
		Document therapist = this.mongo.findById(therapistId, Document.class, "therapists");
		assertThat(therapist).isNotNull();
		return therapist.getList("outbox", Document.class);
	}

	/**
	 * Waits until matching-service's consumer group has committed every record now on
	 * referral.events.
	 */
	private void awaitEverythingConsumed() {
		await().atMost(ofSeconds(30))
			.until(() -> this.kafka.hasConsumedEverything("matching-service", Topics.REFERRAL_EVENTS));
	}

}

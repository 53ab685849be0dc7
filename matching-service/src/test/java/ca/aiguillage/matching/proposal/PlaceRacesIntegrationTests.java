package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.testing.FindCommands;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The place-reservation protocol under races, on the real broker and database: claims
 * fenced against withdrawals, recovery that leaves live proposals alone, and overrides,
 * withdrawals and declines racing freed places without a place held twice, a referral
 * holding two, or a freed place left while a fitting client waits.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class PlaceRacesIntegrationTests extends RunningService {

	private static final String SUBMITTED = Fixtures
		.repositoryFile("event-contracts/src/test/resources/fixtures/ca.aiguillage.referral.submitted.v1.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MongoOperations mongo;

	@Autowired
	Matcher matcher;

	@Autowired
	Aggregates aggregates;

	@Autowired
	FindCommands finds;

	@Autowired
	Placements placements;

	@Autowired
	PlaceReservations reservations;

	@Autowired
	ProposalPolicy policy;

	@Autowired
	DirectorySnapshot snapshot;

	@Autowired
	@Qualifier("waitlistEvent")
	Consumer<Message<byte[]>> waitlistEvent;

	@Test
	void claimLostToAWithdrawalReservesNoPlace() {
		String organization = "org-it-301";
		String therapistId = therapist(organization, "x", 1);
		String occupant = submitAndAwait(referral(organization));
		String referralId = submitAndAwait(referral(organization));
		assertThat(status(referralId)).isEqualTo("WAITING");
		PlaceReservations.Claim claim = this.reservations.claimFor(referralId, therapistId).orElseThrow();

		this.placements.close(UUID.randomUUID().toString(), referralId, ReleaseReason.WITHDRAWN);
		this.placements.releaseAndWait(UUID.randomUUID().toString(), occupant, therapistId, ReleaseReason.DECLINED,
				true, null);

		assertThat(this.reservations.reserve(claim)).isFalse();
		assertThat(holders(therapistId)).doesNotContain(referralId);
		assertThat(status(referralId)).isEqualTo("CLOSED");
	}

	@Test
	void recoveryLeavesAProposalWaitingForItsAnswerAlone() {
		String organization = "org-it-302";
		String therapistId = therapist(organization, "x", 1);
		String referralId = submitAndAwait(referral(organization));
		assertThat(holders(therapistId)).containsExactly(referralId);
		// A decline's first write gave the place back; its second has not reached the
		// referral yet, two minutes on.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(therapistId)),
				new Update().pull("reservations", new Document("referralId", referralId)), "therapists");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(referralId)),
				new Update().set("claimedAt", Instant.now().minusSeconds(120)), "match_requests");

		this.matcher.recover();

		assertThat(holders(therapistId)).doesNotContain(referralId);
	}

	@Test
	void claimLeftWithoutItsReservationIsGivenBackWithoutAScanOfEveryRequest() {
		String organization = "org-it-304";
		String therapistId = therapist(organization, "x", 1);
		String occupant = submitAndAwait(referral(organization));
		String referralId = submitAndAwait(referral(organization));
		assertThat(holders(therapistId)).containsExactly(occupant);
		this.matcher.recover();
		// Claimed two minutes ago by a matcher that never reserved the place: it crashed
		// or lost its way.
		this.aggregates.updateIfPresent(MatchRequest.class, referralId, request -> {
			request.claim(therapistId, UUID.randomUUID().toString(), Instant.now().minusSeconds(120));
			return true;
		});
		this.finds.clear();

		this.matcher.recover();

		assertThat(status(referralId)).isEqualTo("WAITING");
		assertThat(holders(therapistId)).containsExactly(occupant);
		// On the embedded store a query on anything but _id reads every request ever
		// matched: the round looks up its claims by _id alone.
		assertThat(this.finds.of("match_requests")).isNotEmpty().allMatch(FindCommands.Find::byId);
	}

	@Test
	void overridesWithdrawalsAndDeclinesRacingFreedPlacesLoseAndDoubleNothing() {
		String organization = "org-it-303";
		List<String> therapists = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			therapists.add(therapist(organization, "t" + i, 1 + i % 2));
		}
		List<String> referrals = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ObjectNode referral = referral(organization);
			referrals.add(id(referral));
			send(Topics.REFERRAL_EVENTS, id(referral), referral, EventCatalog.REFERRAL_SUBMITTED_V1.type());
		}
		await().atMost(ofSeconds(60))
			.until(() -> referrals.stream()
				.allMatch(id -> this.mongo
					.exists(Query.query(Criteria.where("_id").is(id).and("examinedAt").exists(true)), "match_requests")
						|| "HELD".equals(status(id))));

		Random random = new Random(7);
		List<Runnable> decisions = new ArrayList<>();
		for (String referralId : referrals) {
			Document request = this.mongo.findById(referralId, Document.class, "match_requests");
			String holder = request.getString("therapistId");
			String at = "2026-12-01T09:00:00Z";
			switch (random.nextInt(4)) {
				case 0 -> decisions.add(() -> send(Topics.REFERRAL_EVENTS, referralId,
						Map.of("referralId", referralId, "withdrawnBy", "CLIENT", "withdrawnAt", at),
						EventCatalog.REFERRAL_WITHDRAWN_V1.type()));
				case 1 -> decisions.add(() -> decide(EventCatalog.PROPOSAL_OVERRIDDEN_V1.type(),
						Map.of("referralId", referralId, "therapistId",
								therapists.get(random.nextInt(therapists.size())), "brokenConstraints", List.of(),
								"overriddenAt", at)));
				case 2 -> {
					if (holder != null) {
						decisions.add(() -> decide(EventCatalog.PROPOSAL_DECLINED_V1.type(),
								Map.of("referralId", referralId, "proposalId", request.getString("proposalId"),
										"therapistId", holder, "decidedBy", "CLIENT", "declinedAt", at)));
					}
				}
				default -> decisions.add(() -> decide(EventCatalog.REFERRAL_LEFT_QUEUE_V1.type(),
						Map.of("referralId", referralId, "outcome", "UNREACHABLE", "leftAt", at)));
			}
		}
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			CompletableFuture
				.allOf(decisions.stream()
					.map(decision -> CompletableFuture.runAsync(decision, threads))
					.toArray(CompletableFuture[]::new))
				.join();
		}
		finally {
			threads.shutdown();
		}
		await().atMost(ofSeconds(90))
			.until(() -> this.kafka.hasConsumedEverything("matching-service", Topics.REFERRAL_EVENTS)
					&& this.kafka.hasConsumedEverything("matching-service", Topics.WAITLIST_EVENTS));

		Map<String, Integer> placesHeld = new HashMap<>();
		for (String therapistId : therapists) {
			Document therapist = this.mongo.findById(therapistId, Document.class, "therapists");
			List<String> holders = holders(therapistId);
			assertThat(holders).as("places of %s", therapistId)
				.hasSizeLessThanOrEqualTo(therapist.getInteger("places"));
			holders.forEach(holder -> placesHeld.merge(holder, 1, Integer::sum));
		}
		assertThat(placesHeld).allSatisfy((referralId, held) -> {
			assertThat(held).as("places held by %s", referralId).isOne();
			assertThat(status(referralId)).as("status of %s", referralId).isEqualTo("HELD");
		});
		assertThat(referrals).filteredOn(referralId -> "HELD".equals(status(referralId)))
			.allSatisfy(referralId -> assertThat(placesHeld).containsKey(referralId));
		// Every freed place was offered again: no waiting client fits a place left free.
		this.snapshot.reload();
		assertThat(referrals).filteredOn(referralId -> "WAITING".equals(status(referralId)))
			.allSatisfy(referralId -> assertThat(this.policy.propose(
					this.mongo.findById(referralId, MatchRequest.class).needs(), this.snapshot.roster(), Instant.now()))
				.as("a free place fits waiting %s", referralId)
				.isInstanceOf(ProposalPolicy.NoMatch.class));
	}

	private void decide(String type, Map<String, ?> data) {
		String referralId = (String) data.get("referralId");
		if (referralId.hashCode() % 2 == 0) {
			send(Topics.WAITLIST_EVENTS, referralId, data, type);
			return;
		}
		// Straight to the consumer on this thread, racing the binding's own threads.
		this.waitlistEvent.accept(MessageBuilder.withPayload(JSON.writeValueAsBytes(data))
			.copyHeaders(KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), type, referralId))
			.build());
	}

	private void send(String topic, String key, Object data, String type) {
		this.kafka.send(topic, key, JSON.writeValueAsString(data),
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), type, key));
	}

	private String submitAndAwait(ObjectNode referral) {
		this.matcher.match(UUID.randomUUID().toString(),
				JSON.treeToValue(referral, ca.aiguillage.contracts.referral.ReferralSubmittedV1.class));
		return id(referral);
	}

	private String status(String referralId) {
		Document request = this.mongo.findById(referralId, Document.class, "match_requests");
		return (request != null) ? request.getString("status") : null;
	}

	private List<String> holders(String therapistId) {
		return this.mongo.findById(therapistId, Document.class, "therapists")
			.getList("reservations", Document.class)
			.stream()
			.map(reservation -> reservation.getString("referralId"))
			.toList();
	}

	private String therapist(String organization, String name, int places) {
		Map<String, Object> profile = new HashMap<>();
		profile.put("organizationId", organization);
		profile.put("firstName", "Nadia");
		profile.put("approaches", List.of("COGNITIVE_BEHAVIOURAL"));
		profile.put("languages", List.of("fr", "es"));
		profile.put("clienteles", List.of("ADULT"));
		profile.put("modalities", List.of("IN_PERSON", "VIDEO"));
		profile.put("availability", List.of(Map.of("day", "TUESDAY", "start", "08:00", "end", "12:00")));
		profile.put("places", places);
		profile.put("lowFeePlaces", 0);
		profile.put("active", true);
		String id = organization + "-" + name;
		assertThat(this.http.putJson("/api/v1/therapists/" + id, JSON.writeValueAsString(profile)).status())
			.isEqualTo(201);
		return id;
	}

	private static ObjectNode referral(String organization) {
		ObjectNode referral = (ObjectNode) JSON.readTree(SUBMITTED);
		referral.put("referralId", UUID.randomUUID().toString());
		referral.put("organizationId", organization);
		((ObjectNode) referral.get("fee")).put("lowFee", false);
		return referral;
	}

	private static String id(ObjectNode referral) {
		return referral.get("referralId").asString();
	}

}

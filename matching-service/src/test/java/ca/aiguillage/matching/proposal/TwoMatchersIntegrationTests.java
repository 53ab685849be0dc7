package ca.aiguillage.matching.proposal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.matching.MatchingApplication;
import ca.aiguillage.testing.EmbeddedMongoServer;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.testing.TestIssuer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two matcher instances, two Spring contexts in one consumer group on the same broker and
 * database, placing hundreds of referrals at once: no therapist ever holds more places
 * than declared, and no referral ever holds two.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class TwoMatchersIntegrationTests extends RunningService {

	private static final String SUBMITTED = Fixtures
		.repositoryFile("event-contracts/src/test/resources/fixtures/ca.aiguillage.referral.submitted.v1.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ORGANIZATION = "org-it-300";

	private static final int THERAPISTS = 20;

	private static final int REFERRALS = 300;

	@Autowired
	MongoOperations mongo;

	@Autowired
	@Qualifier("referralEvent")
	Consumer<Message<byte[]>> firstInstance;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Value("${spring.mongodb.database}")
	String database;

	ConfigurableApplicationContext second;

	@BeforeEach
	void startASecondInstance() {
		this.second = MatchingApplication.application()
			.run("--server.port=0", "--spring.cloud.stream.kafka.binder.brokers=" + this.broker.getBrokersAsString(),
					"--spring.cloud.stream.kafka.binder.auto-create-topics=true",
					"--aiguillage.outbox.poll-interval=PT0.1S", "--spring.mongodb.uri=" + EmbeddedMongoServer.uri(),
					"--spring.mongodb.database=" + this.database,
					"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.get().issuer(),
					"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestIssuer.get().jwkSetUri(),
					"--matching.network.organizations=classpath:matching/test-organizations.csv");
	}

	@AfterEach
	void stopTheSecondInstance() {
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void hundredsOfConcurrentReferralsNeverOverbookATherapistNorHoldTwoPlaces() {
		Map<String, Integer> places = new HashMap<>();
		for (int i = 1; i <= THERAPISTS; i++) {
			String id = ORGANIZATION + "-t" + i;
			int declared = 1 + i % 3;
			places.put(id, declared);
			assertThat(this.http.putJson("/api/v1/therapists/" + id, therapist(declared)).status()).isEqualTo(201);
		}
		int totalPlaces = places.values().stream().mapToInt(Integer::intValue).sum();
		@SuppressWarnings("unchecked")
		Consumer<Message<byte[]>> secondInstance = this.second.getBean("referralEvent", Consumer.class);
		List<ObjectNode> referrals = new ArrayList<>();
		for (int i = 0; i < REFERRALS; i++) {
			referrals.add(referral());
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Void>> deliveries = new ArrayList<>();
			for (int i = 0; i < REFERRALS; i++) {
				ObjectNode referral = referrals.get(i);
				switch (i % 3) {
					// Through the broker: the consumer group shares the partitions out.
					case 0 -> this.kafka.send(Topics.REFERRAL_EVENTS, id(referral), JSON.writeValueAsString(referral),
							KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(),
									EventCatalog.REFERRAL_SUBMITTED_V1.type(), id(referral)));
					// Straight to one instance or the other, concurrently.
					case 1 -> deliveries.add(CompletableFuture
						.runAsync(() -> (id(referral).hashCode() % 2 == 0 ? this.firstInstance : secondInstance)
							.accept(message(referral)), threads));
					// The same referral to both instances at once, as after a rebalance.
					default -> {
						deliveries.add(CompletableFuture.runAsync(() -> this.firstInstance.accept(message(referral)),
								threads));
						deliveries
							.add(CompletableFuture.runAsync(() -> secondInstance.accept(message(referral)), threads));
					}
				}
			}
			CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
		}
		finally {
			threads.shutdown();
		}
		await().atMost(ofSeconds(120))
			.until(() -> this.mongo.count(
					new Query(Criteria.where("_id").in(referrals.stream().map(r -> id(r)).toList())),
					"match_requests") == REFERRALS
					&& this.kafka.hasConsumedEverything("matching-service", Topics.REFERRAL_EVENTS));

		Map<String, Integer> holders = new HashMap<>();
		int overbookings = 0;
		int held = 0;
		for (String therapistId : places.keySet()) {
			Document therapist = this.mongo.findById(therapistId, Document.class, "therapists");
			List<Document> reservations = therapist.getList("reservations", Document.class);
			overbookings += Math.max(0, reservations.size() - places.get(therapistId));
			held += reservations.size();
			reservations.forEach(reservation -> holders.merge(reservation.getString("referralId"), 1, Integer::sum));
		}
		long doubleHeld = holders.values().stream().filter(count -> count > 1).count();
		assertThat(overbookings).isZero();
		assertThat(doubleHeld).isZero();
		// Every place went to someone: the race was real, and nothing was lost in it.
		assertThat(held).isEqualTo(totalPlaces);
		assertThat(this.mongo.count(
				new Query(
						Criteria.where("status").is("HELD").and("_id").in(referrals.stream().map(r -> id(r)).toList())),
				"match_requests"))
			.isEqualTo(totalPlaces);
	}

	@Test
	void anotherInstancesSnapshotLearnsADirectoryChangeFromItsEvent() {
		String id = "org-it-299-snapshot";
		DirectorySnapshot elsewhere = this.second.getBean(DirectorySnapshot.class);

		assertThat(this.http.putJson("/api/v1/therapists/" + id, therapist(2).replace(ORGANIZATION, "org-it-299"))
			.status()).isEqualTo(201);

		await().atMost(ofSeconds(30))
			.untilAsserted(() -> assertThat(elsewhere.roster().find(id)).isNotNull()
				.satisfies(candidate -> assertThat(candidate.freePlaces()).isEqualTo(2)));
	}

	private static Message<byte[]> message(ObjectNode referral) {
		return MessageBuilder.withPayload(JSON.writeValueAsBytes(referral))
			.copyHeaders(KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(),
					EventCatalog.REFERRAL_SUBMITTED_V1.type(), id(referral)))
			.build();
	}

	private static String therapist(int places) {
		Map<String, Object> profile = new HashMap<>();
		profile.put("organizationId", ORGANIZATION);
		profile.put("firstName", "Nadia");
		profile.put("approaches", List.of("COGNITIVE_BEHAVIOURAL"));
		profile.put("languages", List.of("fr", "es"));
		profile.put("clienteles", List.of("ADULT"));
		profile.put("modalities", List.of("IN_PERSON", "VIDEO"));
		profile.put("availability", List.of(Map.of("day", "TUESDAY", "start", "08:00", "end", "12:00")));
		profile.put("places", places);
		profile.put("lowFeePlaces", 0);
		profile.put("active", true);
		return JSON.writeValueAsString(profile);
	}

	private static ObjectNode referral() {
		ObjectNode referral = (ObjectNode) JSON.readTree(SUBMITTED);
		referral.put("referralId", UUID.randomUUID().toString());
		referral.put("organizationId", ORGANIZATION);
		((ObjectNode) referral.get("fee")).put("lowFee", false);
		return referral;
	}

	private static String id(ObjectNode referral) {
		return referral.get("referralId").asString();
	}

}

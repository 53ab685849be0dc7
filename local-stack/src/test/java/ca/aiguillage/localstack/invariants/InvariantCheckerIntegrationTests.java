package ca.aiguillage.localstack.invariants;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.localstack.invariants.InvariantChecker.Providers;
import ca.aiguillage.localstack.stubs.LocalWebhookReceiver;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.testing.KafkaProbe;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import ca.aiguillage.testing.SnapshotMemoryBackend;
import org.apache.kafka.clients.CommonClientConfigs;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invariant holds on a consistent state and fails, naming the ids, on a state broken
 * on purpose by writing straight to the databases (or the dead-letter topic), as a bug or
 * a fault would leave it.
 */
class InvariantCheckerIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");

	private MongoServer server;

	private MongoClient client;

	private String uri;

	@BeforeEach
	void startAnEmptyDatabaseWithOneConsistentReferral() {
		this.server = new MongoServer(new SnapshotMemoryBackend());
		this.uri = "mongodb://127.0.0.1:" + this.server.bind().getPort();
		this.client = MongoClients.create(this.uri);
		referral("r-1", "WAITLISTED", "WAITING", "WAITING");
		referral("r-2", "PROPOSED", "HELD", "PROPOSED");
		therapist("t-1", 2, "r-2");
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdown();
	}

	@Test
	void everyInvariantHoldsOnAConsistentState() {
		InvariantReport report = check(new Providers(Map.of("d-1", 1), Map.of("d-2", 1), Map.of("w-1", 1)));

		assertThat(report.allHold()).as(report.markdown()).isTrue();
		assertThat(report.results()).extracting(InvariantReport.Result::invariant)
			.containsExactly(InvariantChecker.REFERRALS_AGREE, InvariantChecker.PLACES_HELD_ONCE,
					InvariantChecker.FREE_PLACES_OFFERED, InvariantChecker.MESSAGES_ONCE,
					InvariantChecker.DUE_MESSAGES_SENT, InvariantChecker.OUTBOX_RELAYED, InvariantChecker.DEAD_LETTERS);
	}

	@Test
	void aReferralMissingFromTheQueueOrInAnotherStateThereBreaksAgreement() {
		db("referral").getCollection("referrals")
			.insertOne(new Document("_id", "r-lost").append("status", "SUBMITTED"));
		db("waitlist").getCollection("queue")
			.updateOne(new Document("_id", "r-2"), new Document("$set", new Document("status", "CONFIRMED")));

		assertThat(check(null).result(InvariantChecker.REFERRALS_AGREE).breaking()).containsExactlyInAnyOrder(
				"r-2 (referral PROPOSED, matching HELD, queue CONFIRMED)",
				"r-lost (referral SUBMITTED, matching null, queue null)");
	}

	@Test
	void aCrisisReferralRedirectedAtIntakeThatMatchingNeverSawAgrees() {
		db("referral").getCollection("referrals")
			.insertOne(new Document("_id", "r-crisis").append("status", "REDIRECTED"));
		// The queue keeps it for the coordinator's follow-up; matching never reads it.
		db("waitlist").getCollection("queue").insertOne(new Document("_id", "r-crisis").append("status", "REDIRECTED"));
		db("referral").getCollection("referrals")
			.insertOne(new Document("_id", "r-reopened").append("status", "REDIRECTED"));
		db("waitlist").getCollection("queue").insertOne(new Document("_id", "r-reopened").append("status", "WAITING"));

		assertThat(check(null).result(InvariantChecker.REFERRALS_AGREE).breaking())
			.containsExactly("r-reopened (referral REDIRECTED, matching null, queue WAITING)");
	}

	@Test
	void aPlaceHeldTwiceOrAReferralHoldingTwoBreaksPlaces() {
		therapist("t-2", 1, "r-2", "r-1");

		assertThat(check(null).result(InvariantChecker.PLACES_HELD_ONCE).breaking()).containsExactlyInAnyOrder(
				"therapist t-2 holds 2 of 1 places", "referral r-2 holds 2 places [t-1, t-2]",
				"referral r-1 is WAITING in matching but holds [t-2]");
	}

	@Test
	void aFreePlaceAWaitingClientFitsBreaksFreePlacesOffered() {
		therapist("t-3", 1);
		MongoTemplate matching = new MongoTemplate(this.client, "matching");
		Document needs = new Document();
		matching.getConverter()
			.write(new ReferralNeeds("r-1", "org-1", null, List.of("fr"), Clientele.ADULT, List.of(), false,
					Modality.VIDEO, List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))),
					null, "H2X", false, null, NOW.minusSeconds(86_400), Set.of()), needs);
		db("matching").getCollection("match_requests")
			.updateOne(new Document("_id", "r-1"), new Document("$set", new Document("needs", needs)));

		assertThat(check(null).result(InvariantChecker.FREE_PLACES_OFFERED).breaking())
			.containsExactly("therapist t-3 has a free place that referral r-1 fits");
	}

	@Test
	void aMessageTheProviderReceivedTwiceOrAWebhookWithABadSignatureBreaksMessagesOnce() {
		InvariantReport report = check(new Providers(Map.of("d-1", 2, "no-token", 3), Map.of("d-2", 1, "d-3", 2),
				Map.of("w-1", 1, "w-2", 2, LocalWebhookReceiver.BAD_SIGNATURE, 1)));

		assertThat(report.result(InvariantChecker.MESSAGES_ONCE).breaking()).containsExactlyInAnyOrder(
				"sms delivery d-1 received 2 times", "email delivery d-3 received 2 times",
				"webhook delivery w-2 received 2 times", "1 webhook message(s) refused for their signature");
		assertThat(check(null).result(InvariantChecker.MESSAGES_ONCE).checked()).isFalse();
	}

	@Test
	void aDueMessageNotSentOrAFailureWithoutReasonBreaksDueMessages() {
		db("notification").getCollection("notification_cases")
			.insertOne(
					new Document("_id", "r-1").append("deliveries",
							List.of(delivery("d-due", "PENDING", NOW.minusSeconds(60)),
									delivery("d-later", "PENDING", NOW.plusSeconds(3600)),
									delivery("d-sent", "SENT", NOW.minusSeconds(60)),
									delivery("d-failed", "FAILED", NOW.minusSeconds(60)).append("reasonCode",
											"SMTP_DOWN"),
									delivery("d-silent", "FAILED", NOW.minusSeconds(60)),
									delivery("d-dead-sender", "SENDING", NOW.minusSeconds(600)).append("leaseUntil",
											Date.from(NOW.minusSeconds(1))))));

		assertThat(check(null).result(InvariantChecker.DUE_MESSAGES_SENT).breaking()).containsExactlyInAnyOrder(
				"delivery d-due PENDING since 2026-12-03T14:59:00Z", "delivery d-silent FAILED without a reason",
				"delivery d-dead-sender SENDING since 2026-12-03T14:59:59Z");
	}

	@Test
	void anOutboxEntryLeftUnrelayedBreaksOutboxRelayed() {
		db("waitlist").getCollection("queue")
			.updateOne(new Document("_id", "r-1"),
					new Document("$set", new Document("outbox", List.of(new Document("eventId", "e-1")))));

		assertThat(check(null).result(InvariantChecker.OUTBOX_RELAYED).breaking())
			.containsExactly("waitlist.queue/r-1");
	}

	@Test
	void anUnhandledDeadLetterIsListedWithItsCauseAndOneHandledIsNot() throws Exception {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "error.referral.events.matching-service");
		broker.afterPropertiesSet();
		try {
			KafkaProbe probe = new KafkaProbe(broker.getBrokersAsString());
			probe.send("error.referral.events.matching-service", "r-1", "{not json",
					Map.of("ce_id", "e-poison", "ce_type", "ca.aiguillage.referral.submitted.v1", "x-exception-fqcn",
							"ca.aiguillage.platform.events.MalformedEventException", "x-exception-message",
							"not JSON"));
			probe.send("error.referral.events.matching-service", "r-2", "{}",
					Map.of("ce_id", "e-replayed", "x-exception-fqcn", "java.lang.IllegalStateException"));
			db("matching").getCollection("dead_letter_actions")
				.insertOne(new Document("_id", "error.referral.events.matching-service~0~1").append("kind", "REPLAYED")
					.append("by", "admin")
					.append("at", Date.from(NOW)));

			try (InvariantChecker checker = new InvariantChecker(this.uri,
					Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), null,
					Clock.fixed(NOW, ZoneOffset.UTC))) {
				assertThat(checker.check().result(InvariantChecker.DEAD_LETTERS).breaking())
					.containsExactly("error.referral.events.matching-service~0~0 (ca.aiguillage.referral.submitted.v1"
							+ " e-poison: ca.aiguillage.platform.events.MalformedEventException)");
				assertThat(checker.listDeadLetters()).hasSize(2);
			}
		}
		finally {
			broker.destroy();
		}
	}

	private InvariantReport check(Providers providers) {
		try (InvariantChecker checker = new InvariantChecker(this.uri, null, providers,
				Clock.fixed(NOW, ZoneOffset.UTC))) {
			InvariantReport report = checker.check();
			if (providers == null) {
				assertThat(report.result(InvariantChecker.DEAD_LETTERS).checked()).isFalse();
			}
			return report;
		}
	}

	private void referral(String id, String referral, String matching, String queue) {
		db("referral").getCollection("referrals").insertOne(new Document("_id", id).append("status", referral));
		db("matching").getCollection("match_requests").insertOne(new Document("_id", id).append("status", matching));
		db("waitlist").getCollection("queue").insertOne(new Document("_id", id).append("status", queue));
	}

	private void therapist(String id, int places, String... holders) {
		MongoTemplate matching = new MongoTemplate(this.client, "matching");
		Document slot = new Document();
		matching.getConverter().write(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)), slot);
		List<Document> reservations = java.util.Arrays.stream(holders)
			.map((referralId) -> new Document("referralId", referralId).append("proposalId", "p-" + referralId)
				.append("slot", slot)
				.append("reservedAt", Date.from(NOW))
				.append("lowFee", false)
				.append("confirmed", false))
			.toList();
		db("matching").getCollection("therapists")
			.insertOne(new Document("_id", id).append("organizationId", "org-1")
				.append("firstName", "Julie")
				.append("approaches", List.of(Approach.COGNITIVE_BEHAVIOURAL.name()))
				.append("languages", List.of("fr"))
				.append("clienteles", List.of(Clientele.ADULT.name()))
				.append("modalities", List.of(Modality.VIDEO.name()))
				.append("availability", List.of(slot))
				.append("places", places)
				.append("lowFeePlaces", 0)
				.append("active", true)
				.append("reservations", reservations));
	}

	private static Document delivery(String id, String status, Instant dueAt) {
		return new Document("deliveryId", id).append("status", status).append("dueAt", Date.from(dueAt));
	}

	private MongoDatabase db(String name) {
		return this.client.getDatabase(name);
	}

}

package ca.aiguillage.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a referral costs on the embedded store's disk once compacted: issue 15's goal is
 * under 10 KB. The documents are shaped as the services write them (sizes measured on the
 * local stack, see docs/performance.md): the referral with its encrypted personal data
 * (random, so incompressible) and blind indexes, the queue entry, the match request, the
 * notification case with six rendered messages, the person claims and the access trail,
 * each written and then updated as the services do (version, applied event ids, outbox
 * entries added and removed).
 */
class EmbeddedStoreFootprintTests {

	private static final int REFERRALS = 300;

	private static final SecureRandom RANDOM = new SecureRandom();

	@TempDir
	Path data;

	@Test
	void aStoppedStoreHoldsUnderTenKilobytesAReferral() {
		Path file = this.data.resolve("store.mv");
		EmbeddedMongo mongo = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		long documents;
		long asWritten;
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoDatabase referral = client.getDatabase("referral");
			MongoDatabase waitlist = client.getDatabase("waitlist");
			MongoDatabase matching = client.getDatabase("matching");
			MongoDatabase notification = client.getDatabase("notification");
			for (int i = 0; i < REFERRALS; i++) {
				String id = UUID.randomUUID().toString();
				writeReferral(referral, id);
				writeAggregate(waitlist.getCollection("queue"), queueEntry(id));
				writeAggregate(matching.getCollection("match_requests"), matchRequest(id));
				writeNotificationCase(notification.getCollection("notification_cases"), id);
			}
			documents = referral.getCollection("referrals").countDocuments()
					+ referral.getCollection("person_claims").countDocuments()
					+ referral.getCollection("person_keys").countDocuments()
					+ referral.getCollection("access_trail").countDocuments()
					+ waitlist.getCollection("queue").countDocuments()
					+ matching.getCollection("match_requests").countDocuments()
					+ notification.getCollection("notification_cases").countDocuments();
			asWritten = size(file);
		}
		finally {
			mongo.close();
		}
		long stopped = size(file);

		EmbeddedMongo restarted = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(restarted.uri())) {
			assertThat(client.getDatabase("notification").getCollection("notification_cases").countDocuments())
				.isEqualTo(REFERRALS);
			assertThat(client.getDatabase("referral")
				.getCollection("referrals")
				.countDocuments(new Document("status", "WAITLISTED").append("version", 3L))).isEqualTo(REFERRALS);
		}
		finally {
			restarted.close();
		}
		long restartedSize = size(file);
		System.out.printf(
				"%d referrals, %d documents: %d bytes as written, %d stopped, %d after a restart "
						+ "(%d a referral stopped)%n",
				REFERRALS, documents, asWritten, stopped, restartedSize, stopped / REFERRALS);

		assertThat(documents).isEqualTo(REFERRALS * 12L);
		assertThat(stopped / REFERRALS)
			.as("bytes per referral once stopped (%d bytes as written, %d stopped, %d documents)", asWritten, stopped,
					documents)
			.isLessThan(10 * 1024);
		assertThat(stopped / documents).as("bytes per document once stopped").isLessThan(1024);
		assertThat(restartedSize / REFERRALS).as("bytes per referral after a restart").isLessThan(10 * 1024);
	}

	private static void writeReferral(MongoDatabase database, String id) {
		MongoCollection<Document> referrals = database.getCollection("referrals");
		Document request = new Document("partnerReference", "HIST-" + id.substring(0, 8))
			.append("preferredLanguage", "fr")
			.append("languages", List.of("fr", "en"))
			.append("postalPrefix", "H2X")
			.append("consent", new Document("sharing", true).append("email", true).append("sms", true))
			.append("household", new Document("annualIncome", 32000).append("dependents", 1))
			.append("needs", new Document("clientele", "ADULT").append("approaches", List.of("COGNITIVE_BEHAVIOURAL"))
				.append("approachRequired", false)
				.append("modality", "IN_PERSON")
				.append("availability",
						List.of(new Document("day", "TUESDAY").append("start", new Date()).append("end", new Date()))))
			.append("risk", new Document("imminentRisk", false))
			.append("priority", "C");
		Document document = new Document("_id", id).append("receivedAt", new Date())
			.append("intakeChannel", "PARTNER_API")
			.append("partnerId", "demo-partner")
			.append("status", "SUBMITTED")
			.append("request", request)
			.append("personalData", "dek-74330c2f:" + random(240))
			.append("nameAndBirthIndex", blindIndex())
			.append("emailIndex", blindIndex())
			.append("phoneIndex", blindIndex())
			.append("nameIndex", blindIndex())
			.append("birthIndex", blindIndex())
			.append("timeline", List.of(new Document("status", "SUBMITTED").append("at", new Date())))
			.append("fee",
					new Document("amountCents", 2000).append("lowFee", true)
						.append("scaleId", "example")
						.append("scaleVersion", "2026-1"))
			.append("linkHidden", false)
			.append("version", 0L)
			.append("appliedEventIds", List.of())
			.append("outbox", List.of(event(id, "ca.aiguillage.referral.submitted.v1")))
			.append("_class", "ca.aiguillage.referral.intake.Referral");
		referrals.insertOne(document);
		relayed(referrals, id, 1L);
		referrals.updateOne(new Document("_id", id),
				Updates.combine(Updates.set("status", "WAITLISTED"),
						Updates.push("timeline", new Document("status", "WAITLISTED").append("at", new Date())),
						Updates.push("appliedEventIds", UUID.randomUUID().toString()), Updates.inc("version", 1L)));
		relayed(referrals, id, 3L);
		for (String kind : List.of("email:", "phone:", "name:")) {
			String key = kind + blindIndex();
			database.getCollection("person_claims")
				.insertOne(new Document("_id", key).append("referralId", id)
					.append("claimedAt", new Date())
					.append("_class", "ca.aiguillage.referral.intake.PersonClaims$Claim"));
			database.getCollection("person_keys")
				.insertOne(new Document("_id", key).append("referralIds", List.of(id)));
		}
		for (int read = 0; read < 2; read++) {
			database.getCollection("access_trail")
				.insertOne(new Document("_id", UUID.randomUUID().toString()).append("at", new Date())
					.append("subject", "notification-service")
					.append("roles", List.of("SERVICE"))
					.append("action", "READ_CONTACT")
					.append("referralId", id)
					.append("purpose", "NOTIFICATION")
					.append("_class", "ca.aiguillage.referral.access.AccessRecord"));
		}
	}

	private static Document queueEntry(String id) {
		return new Document("_id", id).append("status", "WAITING")
			.append("registeredAt", new Date())
			.append("formerOrganizationIds", List.of())
			.append("partnerId", "demo-partner")
			.append("postalPrefix", "H2X")
			.append("feeBand", "LOW_FEE")
			.append("intakeChannel", "PARTNER_API")
			.append("languages", List.of("fr", "en"))
			.append("approaches", List.of("COGNITIVE_BEHAVIOURAL"))
			.append("clientele", "ADULT")
			.append("modality", "IN_PERSON")
			.append("priority", "C")
			.append("noMatchReasons", List.of("NO_COMMON_SLOT", "NO_LOW_FEE_PLACE"))
			.append("waitlistAnnounced", true)
			.append("stateSince", new Date())
			.append("revision", 3)
			.append("steps",
					List.of(new Document("at", new Date()).append("what", "SUBMITTED").append("detail", "PARTNER_API"),
							new Document("at", new Date()).append("what", "NO_MATCH")
								.append("detail", "NO_COMMON_SLOT,NO_LOW_FEE_PLACE"),
							new Document("at", new Date()).append("what", "WAITLISTED")))
			.append("reviewCauses", List.of())
			.append("checkInSequence", 0)
			.append("checkInAnswered", false)
			.append("unansweredInARow", 0)
			.append("askedAtHeadOfLine", false)
			.append("sixtyDayRiskFlagged", false)
			.append("nextTimerAt", new Date())
			.append("proposalIds", List.of())
			.append("parkedAnswers", List.of())
			.append("parkedEvents", List.of())
			.append("version", 0L)
			.append("appliedEventIds", List.of())
			.append("outbox", List.of(event(id, "ca.aiguillage.waitlist.waitlisted.v1")))
			.append("_class", "ca.aiguillage.waitlist.queue.QueueEntry")
			.append("waitingSince", new Date());
	}

	private static Document matchRequest(String id) {
		return new Document("_id", id)
			.append("needs", new Document("referralId", id).append("partnerId", "demo-partner")
				.append("languages", List.of("fr", "en"))
				.append("clientele", "ADULT")
				.append("approaches", List.of("COGNITIVE_BEHAVIOURAL"))
				.append("approachRequired", false)
				.append("modality", "IN_PERSON")
				.append("availability",
						List.of(new Document("day", "TUESDAY").append("start", new Date()).append("end", new Date())))
				.append("priority", "C")
				.append("postalPrefix", "H2X")
				.append("lowFee", true)
				.append("registeredAt", new Date())
				.append("declinedTherapists", List.of())
				.append("fee",
						new Document("amountCents", 2000).append("lowFee", true)
							.append("scaleId", "example")
							.append("scaleVersion", "2026-1")))
			.append("status", "WAITING")
			.append("reasons", List.of("NO_COMMON_SLOT", "NO_LOW_FEE_PLACE"))
			.append("candidatesExamined", 38)
			.append("version", 0L)
			.append("appliedEventIds", List.of())
			.append("outbox", List.of(event(id, "ca.aiguillage.matching.no-match.v1")))
			.append("_class", "ca.aiguillage.matching.proposal.MatchRequest")
			.append("examinedAt", new Date());
	}

	private static void writeAggregate(MongoCollection<Document> collection, Document document) {
		String id = document.getString("_id");
		collection.insertOne(document);
		relayed(collection, id, 1L);
		collection.updateOne(new Document("_id", id), Updates
			.combine(Updates.push("appliedEventIds", UUID.randomUUID().toString()), Updates.inc("version", 1L)));
	}

	private static void writeNotificationCase(MongoCollection<Document> cases, String id) {
		cases.insertOne(new Document("_id", id)
			.append("recipient",
					new Document("language", "fr").append("channels", List.of("EMAIL", "SMS"))
						.append("feeCents", 2000)
						.append("selfReferred", false))
			.append("awaitingRecipient", List.of())
			.append("deliveries", List.of())
			.append("questions", List.of())
			.append("confirmations", List.of())
			.append("partnerId", "demo-partner")
			.append("violations", List.of())
			.append("ended", false)
			.append("version", 0L)
			.append("appliedEventIds", List.of())
			.append("outbox", List.of())
			.append("_class", "ca.aiguillage.notification.delivery.NotificationCase")
			.append("phoneHash", blindIndex()));
		String[][] messages = { { "referral-received", "Nous avons bien reçu votre demande",
				"Bonjour,\n\nNous avons bien reçu votre demande du 4 décembre 2026. Vous n'avez rien à faire pour "
						+ "l'instant : nous vous écrirons dès qu'une place vous sera proposée.\n\nEn cas de détresse "
						+ "ou de danger, n'attendez pas : composez le 911, Info-Social au 811, ou le 988 (1 866 "
						+ "APPELLE) pour la prévention du suicide.\n\nAiguillage" },
				{ "waitlisted", "Votre demande est sur la liste d'attente",
						"Bonjour,\n\nVotre demande du 4 décembre 2026 est toujours sur la liste d'attente : aucune "
								+ "place ne correspond encore à vos besoins et à vos disponibilités. Vous n'avez rien "
								+ "à faire ; nous vous écrirons de nouveau dès qu'une place vous sera proposée.\n\n"
								+ "Début probable : entre le 1 février et le 7 avril 2027 (7 personnes avant vous, "
								+ "selon les places des psychothérapeutes et la durée habituelle des suivis).\n\nEn "
								+ "cas de détresse ou de danger, n'attendez pas : composez le 911, Info-Social au "
								+ "811, ou le 988 (1 866 APPELLE) pour la prévention du suicide.\n\nAiguillage" } };
		long version = 0;
		int recorded = 0;
		for (String[] message : messages) {
			String eventId = UUID.randomUUID().toString();
			String traceparent = "00-" + hex(16) + "-" + hex(8) + "-01";
			List<Document> deliveries = new ArrayList<>();
			for (String channel : List.of("EMAIL", "SMS", "WEBHOOK")) {
				deliveries.add(new Document("deliveryId", UUID.randomUUID().toString()).append("eventId", eventId)
					.append("eventType", "ca.aiguillage.waitlist.waitlisted.v1")
					.append("template", message[0])
					.append("audience", channel.equals("WEBHOOK") ? "REFERRER" : "CLIENT")
					.append("channel", channel)
					.append("language", "fr")
					.append("status", "PENDING")
					.append("recordedAt", new Date())
					.append("dueAt", new Date())
					.append("subject", message[1])
					.append("body", channel.equals("EMAIL") ? message[2] : message[2].substring(0, 150))
					.append("address", channel.equals("EMAIL") ? "d•••@example.org" : "+1 514 •••-••08")
					.append("attempts", List.of())
					.append("traceparent", traceparent));
			}
			cases.updateOne(new Document("_id", id).append("version", version),
					Updates.combine(Updates.pushEach("deliveries", deliveries),
							Updates.push("appliedEventIds", eventId), Updates.inc("version", 1L)));
			version++;
			for (int delivery = 0; delivery < 3; delivery++) {
				cases.updateOne(new Document("_id", id).append("version", version),
						Updates.combine(Updates.set("deliveries." + (recorded + delivery) + ".status", "SENT"),
								Updates.inc("version", 1L)));
				version++;
			}
			recorded += deliveries.size();
		}
	}

	private static Document event(String id, String type) {
		return new Document("eventId", UUID.randomUUID().toString()).append("type", type)
			.append("key", id)
			.append("payload", "{\"referralId\":\"" + id + "\",\"occurredAt\":\"2026-12-04T14:36:07.433Z\"}")
			.append("traceparent", "00-" + hex(16) + "-" + hex(8) + "-01");
	}

	private static void relayed(MongoCollection<Document> collection, String id, long version) {
		collection.updateOne(new Document("_id", id), Updates.combine(Updates.set("outbox", List.of()),
				Updates.set("version", version), Updates.set("relayedAt", new Date())));
		if (version == 3L) {
			collection.updateOne(new Document("_id", id), Updates.unset("relayedAt"));
		}
	}

	private static String blindIndex() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
	}

	private static String random(int length) {
		return Base64.getEncoder().encodeToString(bytes(length));
	}

	private static String hex(int length) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes(length)) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}

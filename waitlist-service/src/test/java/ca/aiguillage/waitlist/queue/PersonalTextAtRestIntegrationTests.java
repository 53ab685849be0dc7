package ca.aiguillage.waitlist.queue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.platform.privacy.KeyRotation;
import ca.aiguillage.platform.privacy.PrivacyAutoConfiguration;
import ca.aiguillage.platform.privacy.PrivacySettings;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class PersonalTextAtRestIntegrationTests extends RunningService {

	private static final String REASON = "Idées noires depuis la perte de son emploi";

	@Autowired
	MongoOperations mongo;

	@Autowired
	PrivacySettings settings;

	@Autowired
	KeyRotation keyRotation;

	@Autowired
	QueueReEncryption reEncryption;

	@TempDir
	Path elsewhere;

	@Test
	void coordinatorsReasonAndClientsRiskAnswerAreSealedInTheDatabaseAndShownOpened() {
		String id = reprioritisedWithAReason();
		Wire.publish(this.kafka, new ClientAnsweredV1(id, ClientAnsweredV1.Subject.CHECK_IN, "c-" + id,
				ClientAnsweredV1.Answer.WORSE, ClientAnsweredV1.Channel.SMS, Instant.now()));
		await().atMost(ofSeconds(20)).until(() -> !detail(id, "CLIENT_ANSWERED").isEmpty());

		Document stored = raw("queue", id);
		assertThat(stored.toJson()).doesNotContain(REASON, "Idées", "CHECK_IN:WORSE");
		Document answered = step(stored, "CLIENT_ANSWERED");
		assertThat(answered).doesNotContainKey("detail");
		assertThat(answered.getString("sealedDetail")).matches("dek-[0-9a-f]{8}:.+");
		assertThat(step(stored, "REPRIORITISED").getString("sealedReason")).matches("dek-[0-9a-f]{8}:.+");
		assertThat(this.mongo.getCollection("decision_notes").find(new Document("referralId", id)).first().toJson())
			.doesNotContain(REASON, "Idées")
			.contains("sealedReason");
		assertThat(reason(id, "REPRIORITISED")).containsExactly(REASON);
		assertThat(detail(id, "CLIENT_ANSWERED")).containsExactly("CHECK_IN:WORSE");
	}

	@Test
	void plainTextWrittenByThePreviousVersionStillReadsAndIsSealedByTheJob() {
		String id = reprioritisedWithAReason();
		asThePreviousVersionWroteIt(id);
		String noteId = UUID.randomUUID().toString();
		this.mongo.getCollection("decision_notes")
			.insertOne(new Document("_id", noteId).append("referralId", id)
				.append("what", "LEFT_QUEUE")
				.append("at", java.util.Date.from(Instant.now()))
				.append("reason", REASON)
				.append("decidedBy", "coordinator"));

		assertThat(reason(id, "REPRIORITISED")).containsExactly(REASON);
		assertThat(this.http.postJson("/api/v1/admin/privacy/re-encryption", "").<Integer>json("$.reEncrypted"))
			.isGreaterThanOrEqualTo(2);

		assertThat(raw("queue", id).toJson()).doesNotContain(REASON);
		assertThat(raw("decision_notes", noteId).toJson()).doesNotContain(REASON).contains("sealedReason");
		assertThat(reason(id, "REPRIORITISED")).containsExactly(REASON);
		assertThat(this.mongo.findById(noteId, DecisionNotes.Note.class).reason()).isEqualTo(REASON);
	}

	@Test
	void administratorRotatesTheKeyAndTheJobSealsTheQueueAgainWhileTheEarlierKeyStillOpens() {
		String id = reprioritisedWithAReason();
		String underEarlierKey = step(raw("queue", id), "REPRIORITISED").getString("sealedReason");

		Http.Answer rotated = this.http.postJson("/api/v1/admin/privacy/key-rotation", "");

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		String newKey = rotated.json("$.activeKeyId");
		assertThat(underEarlierKey).doesNotStartWith(newKey + ":");
		assertThat(rotated.<Integer>json("$.reEncrypted")).isPositive();
		assertThat(step(raw("queue", id), "REPRIORITISED").getString("sealedReason")).startsWith(newKey + ":");
		assertThat(this.mongo.getCollection("decision_notes")
			.find(new Document("referralId", id))
			.first()
			.getString("sealedReason")).startsWith(newKey + ":");
		assertThat(reason(id, "REPRIORITISED")).containsExactly(REASON);
		// A value the job has not reached yet still opens with the earlier key.
		setStep(id, "REPRIORITISED", new Document("sealedReason", underEarlierKey));
		assertThat(reason(id, "REPRIORITISED")).containsExactly(REASON);
		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-keys"))
			.postJson("/api/v1/admin/privacy/key-rotation", "")
			.status()).isEqualTo(403);
	}

	@Test
	void aStartUnderTheKeyVersionOfTheLastPassReadsOneMarkerAndAStartAfterRotationSealsEverythingAgain() {
		String id = reprioritisedWithAReason();
		this.reEncryption.sealWhatAnEarlierVersionLeftInPlainText();
		Document marker = raw(QueueReEncryption.MARKERS, QueueReEncryption.QUEUE_MARKER);
		assertThat(marker).isNotNull();
		// Left in plain text after the pass: a second start under the same key does not
		// read the queue, so does not see it.
		asThePreviousVersionWroteIt(id);

		this.reEncryption.sealWhatAnEarlierVersionLeftInPlainText();

		assertThat(raw("queue", id).toJson()).contains(REASON);
		assertThat(raw(QueueReEncryption.MARKERS, QueueReEncryption.QUEUE_MARKER)).isEqualTo(marker);

		// A new version in the key file, as a restart with a rotated Secret brings.
		String newKey = this.keyRotation.rotate();
		this.reEncryption.sealWhatAnEarlierVersionLeftInPlainText();

		assertThat(raw("queue", id).toJson()).doesNotContain(REASON);
		assertThat(step(raw("queue", id), "REPRIORITISED").getString("sealedReason")).startsWith(newKey + ":");
		assertThat(raw(QueueReEncryption.MARKERS, QueueReEncryption.QUEUE_MARKER).getString("keyVersion"))
			.isEqualTo(newKey);
		assertThat(reason(id, "REPRIORITISED")).containsExactly(REASON);
	}

	@Test
	void aStartWithoutTheMarkerRunsTheWholePass() {
		String id = reprioritisedWithAReason();
		asThePreviousVersionWroteIt(id);
		this.mongo.getCollection(QueueReEncryption.MARKERS).deleteMany(new Document());

		this.reEncryption.sealWhatAnEarlierVersionLeftInPlainText();

		assertThat(raw("queue", id).toJson()).doesNotContain(REASON);
		assertThat(raw(QueueReEncryption.MARKERS, QueueReEncryption.QUEUE_MARKER)).isNotNull();
	}

	@Test
	void aStartWithoutTheKeyFileWhileSealedTextIsStoredStopsWithAClearMessage() {
		reprioritisedWithAReason();
		PrivacySettings lostVolume = new PrivacySettings(this.elsewhere.resolve("keys.json"), null,
				this.settings.sealedFields());

		assertThatIllegalStateException()
			.isThrownBy(() -> PrivacyAutoConfiguration.checkKeyFiles(lostVolume, this.mongo))
			.withMessageContaining(this.elsewhere.resolve("keys.json").toAbsolutePath().toString())
			.withMessageContaining("is missing while personal data is stored");
		assertThat(this.elsewhere.resolve("keys.json")).doesNotExist();
	}

	private String reprioritisedWithAReason() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka, QueueEntryTests.submitted(id));
		Wire.publish(this.kafka,
				new NoMatchFoundV1(id, List.of("NO_SHARED_LANGUAGE"), 40, QueueEntryTests.REGISTERED.plusSeconds(3)));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get(path(id)),
					answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status")));
		Http.Answer reprioritised = this.http.postJson(path(id) + "/priority",
				"{\"priority\":\"A\",\"reason\":\"" + REASON + "\"}", "If-Match",
				this.http.get(path(id)).header("etag"));
		assertThat(reprioritised.status()).as(reprioritised.body()).isEqualTo(200);
		return id;
	}

	// The form the previous version stored: the reason in plain text, nothing sealed.
	private void asThePreviousVersionWroteIt(String id) {
		setStep(id, "REPRIORITISED", new Document("reason", REASON));
		this.mongo.getCollection("decision_notes").deleteMany(new Document("referralId", id));
	}

	private void setStep(String id, String what, Document fields) {
		Document stored = raw("queue", id);
		Document step = step(stored, what);
		step.remove("reason");
		step.remove("sealedReason");
		step.putAll(fields);
		this.mongo.getCollection("queue")
			.updateOne(new Document("_id", id), new Document("$set", new Document("steps", stored.get("steps"))));
	}

	private Document raw(String collection, String id) {
		return this.mongo.getCollection(collection).find(new Document("_id", id)).first();
	}

	private static Document step(Document stored, String what) {
		return stored.getList("steps", Document.class)
			.stream()
			.filter((step) -> what.equals(step.getString("what")))
			.findFirst()
			.orElseThrow();
	}

	private List<String> reason(String id, String what) {
		return this.http.get(path(id)).json("$.timeline[?(@.what=='" + what + "')].reason");
	}

	private List<String> detail(String id, String what) {
		return this.http.get(path(id)).json("$.timeline[?(@.what=='" + what + "')].detail");
	}

	private static String path(String id) {
		return "/api/v1/queue/" + id;
	}

}

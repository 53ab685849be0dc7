package ca.aiguillage.waitlist.queue;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import ca.aiguillage.platform.privacy.ReEncryptionJob;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Seals again every queue entry and decision note whose free text is stored in plain form
 * (written by a version that did not encrypt) or under an earlier key version: once at
 * start, and after each key rotation. An entry is rewritten through a conditional write,
 * so that the job can run beside the consumers and again after a crash; notes never
 * change once written. A finished pass records the key version it sealed with, so that a
 * start under the same version reads one document by id instead of the whole queue.
 */
@Component
class QueueReEncryption implements ReEncryptionJob {

	private static final Logger log = LoggerFactory.getLogger(QueueReEncryption.class);

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	static final String MARKERS = "re_encryption";

	static final String QUEUE_MARKER = "queue";

	private final SealedText sealedText;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	QueueReEncryption(MongoOperations mongo, Aggregates aggregates, SealedText sealedText, PersonalDataCipher cipher,
			Clock clock) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.sealedText = sealedText;
		this.cipher = cipher;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void sealWhatAnEarlierVersionLeftInPlainText() {
		Document marker = this.mongo.findById(QUEUE_MARKER, Document.class, MARKERS);
		if (marker != null && this.cipher.activeKeyId().equals(marker.getString("keyVersion"))) {
			return;
		}
		int rewritten = run();
		if (rewritten > 0) {
			log.info("Sealed the free text of {} queue entries and decision notes", rewritten);
		}
	}

	@Override
	public int run() {
		// Read before the pass: a rotation during it leaves the marker behind, and the
		// next
		// start runs the pass again.
		String keyVersion = this.cipher.activeKeyId();
		int rewritten = 0;
		for (String id : stale(SealedText.QUEUE, "steps")) {
			if (this.aggregates.updateIfPresent(QueueEntry.class, id, (entry) -> true).isPresent()) {
				rewritten++;
			}
		}
		for (String id : stale(SealedText.NOTES, "reason", "sealedReason")) {
			DecisionNotes.Note note = this.mongo.findById(id, DecisionNotes.Note.class);
			if (note != null) {
				this.mongo.save(note);
				rewritten++;
			}
		}
		this.mongo.save(new Document("_id", QUEUE_MARKER).append("keyVersion", keyVersion)
			.append("at", Date.from(this.clock.instant())), MARKERS);
		return rewritten;
	}

	private List<String> stale(String collection, String... fields) {
		Query query = new Query();
		query.fields().include("_id");
		for (String field : fields) {
			query.fields().include(field);
		}
		return this.mongo.find(query, Document.class, collection)
			.stream()
			.filter((document) -> this.sealedText.stale(document, collection))
			.map((document) -> String.valueOf(document.get("_id")))
			.toList();
	}

}

package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.Set;

import ca.aiguillage.platform.privacy.PersonalDataCipher;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;
import org.springframework.data.mongodb.core.mapping.event.MongoMappingEvent;
import org.springframework.stereotype.Component;

/**
 * Seals the free text about a client as its document is written and opens it as it is
 * read: coordinators' reasons (on the timeline's steps and in {@code decision_notes}) and
 * the client's own answers (a check-in's "things got worse" is a risk answer). Each
 * sealed value sits under its own field ({@code sealedReason}, {@code sealedDetail}), so
 * that a document the previous version wrote in plain text still reads, and is sealed at
 * its next write or by {@link QueueReEncryption}.
 */
@Component
class SealedText implements ApplicationListener<MongoMappingEvent<?>> {

	static final String QUEUE = "queue";

	static final String NOTES = "decision_notes";

	static final String[] SEALED_FIELDS = { QUEUE + ".steps.sealedReason", QUEUE + ".steps.sealedDetail",
			NOTES + ".sealedReason" };

	private static final String REASON = "reason";

	private static final String DETAIL = "detail";

	// The steps whose detail is what the client answered, not a code of this service.
	private static final Set<String> ANSWERS = Set.of(StepKind.CLIENT_ANSWERED.name(), StepKind.ANSWER_UNUSED.name());

	private final PersonalDataCipher cipher;

	SealedText(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void onApplicationEvent(MongoMappingEvent<?> event) {
		Document document = event.getDocument();
		String collection = event.getCollectionName();
		if (document == null || !(QUEUE.equals(collection) || NOTES.equals(collection))) {
			return;
		}
		if (event instanceof BeforeSaveEvent<?>) {
			seal(document, collection);
		}
		else if (event instanceof AfterLoadEvent<?> loaded && !Document.class.equals(loaded.getType())) {
			// Raw reads (the outbox's, the timers') keep the stored form.
			open(document, collection);
		}
	}

	void seal(Document document, String collection) {
		String context = context(document, collection);
		if (NOTES.equals(collection)) {
			seal(document, REASON, context);
			return;
		}
		for (Document step : steps(document)) {
			seal(step, REASON, context);
			if (ANSWERS.contains(step.getString("what"))) {
				seal(step, DETAIL, context);
			}
		}
	}

	private void open(Document document, String collection) {
		String context = context(document, collection);
		if (NOTES.equals(collection)) {
			open(document, REASON, context);
			return;
		}
		for (Document step : steps(document)) {
			open(step, REASON, context);
			open(step, DETAIL, context);
		}
	}

	/**
	 * Whether a document holds text in plain form or sealed with an earlier key version.
	 * @param document a stored document, as it is in the database
	 * @param collection its collection
	 * @return true when it must be sealed again
	 */
	boolean stale(Document document, String collection) {
		if (NOTES.equals(collection)) {
			return stale(document, false);
		}
		return steps(document).stream().anyMatch((step) -> stale(step, ANSWERS.contains(step.getString("what"))));
	}

	private boolean stale(Document holder, boolean detailIsAnAnswer) {
		return holder.getString(REASON) != null || (detailIsAnAnswer && holder.getString(DETAIL) != null)
				|| olderKey(holder.getString(sealed(REASON))) || olderKey(holder.getString(sealed(DETAIL)));
	}

	private boolean olderKey(@Nullable String sealed) {
		return sealed != null && !this.cipher.sealedWithActiveKey(sealed);
	}

	private void seal(Document holder, String field, String context) {
		String plain = holder.getString(field);
		if (plain != null) {
			holder.put(sealed(field), this.cipher.seal(plain, context));
			holder.remove(field);
		}
	}

	private void open(Document holder, String field, String context) {
		String sealed = holder.getString(sealed(field));
		if (sealed != null) {
			holder.put(field, this.cipher.open(sealed, String.class, context));
			holder.remove(sealed(field));
		}
	}

	private static String sealed(String field) {
		return "sealed" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
	}

	// The document's own id is authenticated with each value: a sealed reason copied to
	// another referral does not open.
	private static String context(Document document, String collection) {
		return collection + ":" + document.get("_id");
	}

	@SuppressWarnings("unchecked")
	private static List<Document> steps(Document document) {
		Object steps = document.get("steps");
		return (steps instanceof List<?> list) ? (List<Document>) list : List.of();
	}

}

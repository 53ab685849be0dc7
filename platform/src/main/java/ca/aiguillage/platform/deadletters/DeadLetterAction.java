package ca.aiguillage.platform.deadletters;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What an administrator did with one dead letter, kept for the record; its id is the dead
 * letter's, so a dead letter is acted on once.
 *
 * @param id the dead letter's id
 * @param kind replayed or discarded
 * @param by the administrator's subject
 * @param reason why it was discarded, or null for a replay
 * @param at when
 */
@Document("dead_letter_actions")
public record DeadLetterAction(@Id String id, Kind kind, String by, @Nullable String reason, Instant at) {

	/** What was done. */
	public enum Kind {

		/** Sent back to its original topic. */
		REPLAYED,
		/** Left where it is, with a reason. */
		DISCARDED

	}

}

package ca.aiguillage.platform.deadletters;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event a consumer gave up on, as an administrator sees it: where it was and why,
 * never its data (which may be personal).
 *
 * @param id the dead letter's id: its dead-letter topic, partition and offset
 * @param deadLetterTopic the {@code error.<topic>.<group>} topic holding it
 * @param originalTopic the topic it was read from and a replay sends it back to
 * @param eventId its CloudEvents id, if it had one
 * @param type its CloudEvents type, if it had one
 * @param cause the exception's type and message the binder recorded
 * @param deadLetteredAt when it was dead-lettered
 * @param attempts how many times its consumer tried it: one for an event it could never
 * process, the binding's maximum otherwise; null when unknown
 * @param action what an administrator did with it, or null while it waits
 */
public record DeadLetter(String id, String deadLetterTopic, @Nullable String originalTopic, @Nullable String eventId,
		@Nullable String type, @Nullable String cause, Instant deadLetteredAt, @Nullable Integer attempts,
		@Nullable DeadLetterAction action) {
}

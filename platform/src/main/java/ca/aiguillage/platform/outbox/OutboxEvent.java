package ca.aiguillage.platform.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;

/**
 * An event an aggregate raised and the relay has not yet published, kept in the
 * aggregate's own document so that the change and its event are one write.
 *
 * @param eventId the CloudEvents id
 * @param type the CloudEvents type
 * @param topic the topic it goes to
 * @param key the message key (the referral or therapist id)
 * @param time when it happened
 * @param data the event record as JSON
 * @param traceparent the W3C trace context of the change that raised it, so that its
 * publication continues that trace; null when there was none
 */
public record OutboxEvent(String eventId, String type, String topic, String key, Instant time, String data,
		@Nullable String traceparent) {

	// Entries stored before they carried a trace context are read through this one too.
	@PersistenceCreator
	public OutboxEvent {
	}

	public OutboxEvent(String eventId, String type, String topic, String key, Instant time, String data) {
		this(eventId, type, topic, key, time, data, null);
	}

}

package ca.aiguillage.platform.outbox;

import java.time.Instant;

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
 */
public record OutboxEvent(String eventId, String type, String topic, String key, Instant time, String data) {
}

package ca.aiguillage.platform.events;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A CloudEvent read from Kafka, its data checked against its schema.
 *
 * @param id the CloudEvents id: consumers remember it to apply each event once
 * @param type the CloudEvents type
 * @param source the producer
 * @param subject the referral (or therapist) the event is about
 * @param time when it happened
 * @param data the event record
 */
public record ReceivedEvent(String id, String type, String source, @Nullable String subject,
		@Nullable OffsetDateTime time, Object data) {
}

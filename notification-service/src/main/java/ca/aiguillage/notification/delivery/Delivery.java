package ca.aiguillage.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One message to one recipient on one channel, as it would be sent.
 *
 * @param deliveryId stable for an event, template, audience and channel, so a later
 * sender can deduplicate its attempts on it
 * @param eventId the event that called for it
 * @param eventType that event's CloudEvents type
 * @param template the template id
 * @param audience who it is for
 * @param channel the channel, or {@link Channel#NONE} when the recipient is unreachable
 * @param language the language it was rendered in
 * @param status where it stands
 * @param recordedAt when it was rendered and logged
 * @param subject the subject line
 * @param body the plain-text body
 */
record Delivery(String deliveryId, String eventId, String eventType, String template, Audience audience,
		Channel channel, String language, DeliveryStatus status, Instant recordedAt, String subject, String body) {

	static Delivery of(MessageRequest request, Channel channel, DeliveryStatus status, RenderedMessage message,
			Instant now) {
		String key = request.eventId() + "|" + request.template() + "|" + request.audience() + "|" + channel;
		return new Delivery(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(), request.eventId(),
				request.eventType(), request.template(), request.audience(), channel, message.language(), status, now,
				message.subject(), message.body());
	}

}

package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.budgets.MessageBudgets;
import ca.aiguillage.notification.templates.Audience;
import ca.aiguillage.notification.templates.RenderedMessage;
import ca.aiguillage.notification.templates.MessageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One message to one recipient on one channel, and what became of it.
 *
 * @param deliveryId stable for an event, template, audience and channel
 * @param eventId the event that called for it
 * @param eventType that event's CloudEvents type
 * @param audience who it is for
 * @param channel the channel, or {@link Channel#NONE} when the recipient is unreachable
 * @param language the language it was rendered in
 * @param status where it stands
 * @param recordedAt when it was rendered and logged
 * @param dueAt when it may go (the morning after quiet hours for a text message, or its
 * next attempt after a passing failure)
 * @param leaseUntil while SENDING, when a sender that died is assumed gone
 * @param subject the subject line
 * @param body the plain-text body (email), or the text message
 * @param address the masked address it went to, once known
 * @param reasonCode why it failed, why it is held back (a budget, an unconfirmed
 * destination), or null
 * @param attempts every attempt and its outcome
 * @param traceparent the W3C trace context of the event that called for it, so that its
 * send, later and on another thread, joins the referral's trace; null before it was kept
 */
record Delivery(String deliveryId, String eventId, String eventType, String template, Audience audience,
		Channel channel, String language, DeliveryStatus status, Instant recordedAt, Instant dueAt,
		@Nullable Instant leaseUntil, String subject, String body, @Nullable String address,
		@Nullable String reasonCode, List<Attempt> attempts, @Nullable String traceparent) {

	/**
	 * One attempt.
	 *
	 * @param at when it ended
	 * @param outcome {@code OK} or the reason it failed
	 */
	record Attempt(Instant at, String outcome) {
	}

	static Delivery of(MessageRequest request, Channel channel, DeliveryStatus status, RenderedMessage message,
			Instant now, Instant dueAt) {
		String key = request.eventId() + "|" + request.template() + "|" + request.audience() + "|" + channel;
		String body = (channel == Channel.SMS) ? message.sms() : message.body();
		return new Delivery(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(), request.eventId(),
				request.eventType(), request.template(), request.audience(), channel, message.language(), status, now,
				dueAt, null, message.subject(), body, null, null, List.of(), null);
	}

	/**
	 * Waits until {@code until} for a reason that is no failure (a destination not yet
	 * confirmed).
	 */
	Delivery waiting(Instant until, String reason) {
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, DeliveryStatus.PENDING, this.recordedAt, until, null, this.subject, this.body,
				this.address, reason, this.attempts, this.traceparent);
	}

	/**
	 * Held until {@code due} (a reminder) and counted as recorded then, so that its retry
	 * deadline and the SMS look-up count from when it may go.
	 */
	Delivery scheduled(Instant due, String reason) {
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, DeliveryStatus.PENDING, due, due, null, this.subject, this.body, this.address, reason,
				this.attempts, this.traceparent);
	}

	/**
	 * Released from such a wait: recorded anew now, so that its retry deadline and the
	 * SMS look-up count from now.
	 */
	Delivery releasedAt(Instant now, Instant due) {
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, DeliveryStatus.PENDING, now, due, null, this.subject, this.body, this.address, null,
				this.attempts, this.traceparent);
	}

	boolean dueAt(Instant now) {
		return Lease.due(this.status, this.dueAt, this.leaseUntil, now);
	}

	Delivery claimed(Instant leaseUntil) {
		return claimed(leaseUntil, List.of());
	}

	/** Claimed, after the attempts given (an abandoned one, when a lease ran out). */
	Delivery claimed(Instant leaseUntil, List<Attempt> abandoned) {
		List<Attempt> all = new ArrayList<>(this.attempts);
		all.addAll(abandoned);
		// Stored to the millisecond: the lease read back must equal the one claimed.
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, DeliveryStatus.SENDING, this.recordedAt, this.dueAt,
				leaseUntil.truncatedTo(ChronoUnit.MILLIS), this.subject, this.body, this.address, this.reasonCode,
				List.copyOf(all), this.traceparent);
	}

	Delivery released() {
		return retried(this.dueAt, List.of());
	}

	/** Waits for another attempt at {@code nextAt}, after these attempts failed. */
	Delivery retried(Instant nextAt, List<Attempt> failed) {
		List<Attempt> all = new ArrayList<>(this.attempts);
		all.addAll(failed);
		// A budget holding the message back is the reason it waits, shown in the log.
		String reason = failed.isEmpty() ? this.reasonCode : held(failed.get(failed.size() - 1).outcome());
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, DeliveryStatus.PENDING, this.recordedAt, nextAt, null, this.subject, this.body,
				this.address, reason, List.copyOf(all), this.traceparent);
	}

	private static @Nullable String held(String outcome) {
		return (outcome.equals(MessageBudgets.DESTINATION_REACHED) || outcome.equals(MessageBudgets.GLOBAL_REACHED))
				? outcome : null;
	}

	/** The same delivery, in the trace of the event that called for it. */
	Delivery traced(@Nullable String context) {
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, this.status, this.recordedAt, this.dueAt, this.leaseUntil, this.subject, this.body,
				this.address, this.reasonCode, this.attempts, context);
	}

	/** Whether this sender's claim still holds: no later claim took the delivery over. */
	boolean claimedUntil(Instant lease) {
		return Lease.heldBy(this.status, this.leaseUntil, lease);
	}

	Delivery finished(DeliveryStatus outcome, @Nullable String address, @Nullable String reasonCode,
			List<Attempt> attempts) {
		List<Attempt> all = new ArrayList<>(this.attempts);
		all.addAll(attempts);
		return new Delivery(this.deliveryId, this.eventId, this.eventType, this.template, this.audience, this.channel,
				this.language, outcome, this.recordedAt, this.dueAt, null, this.subject, this.body, address, reasonCode,
				List.copyOf(all), this.traceparent);
	}

}

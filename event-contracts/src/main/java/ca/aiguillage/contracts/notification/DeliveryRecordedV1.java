package ca.aiguillage.contracts.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message was delivered, or finally failed after its last attempt.
 *
 * @param referralId the referral this event is about, also its message key
 * @param deliveryId the delivery's stable id (one per event, audience and channel)
 * @param eventType the event the message is about
 * @param audience who the message was for
 * @param channel the channel, or null when none reaches the audience
 * @param outcome sent or failed
 * @param reasonCode why it failed, such as NO_REACHABLE_CHANNEL; for a sent message,
 * SMTP_UNCONFIRMED when an email's server took its data but never answered, so that it
 * may not have been received (it is never sent again); otherwise null
 * @param recordedAt when the outcome was recorded
 */
public record DeliveryRecordedV1(String referralId, String deliveryId, String eventType, Audience audience,
		@Nullable Channel channel, Outcome outcome, @Nullable String reasonCode,
		Instant recordedAt) implements NotificationEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.notification.delivery-recorded.v1";

	/**
	 * Audience.
	 */
	public enum Audience {

		/** The client. */
		CLIENT,
		/** The referring partner. */
		REFERRER,
		/** The organization's coordinators. */
		COORDINATOR

	}

	/**
	 * Channel.
	 */
	public enum Channel {

		/** Email. */
		EMAIL,
		/** Text message. */
		SMS,
		/** The partner's webhook. */
		WEBHOOK

	}

	/**
	 * Outcome.
	 */
	public enum Outcome {

		/**
		 * Accepted by the provider, or handed over without its confirmation when the
		 * reason code says so.
		 */
		SENT,
		/** Failed after the last attempt, or no channel. */
		FAILED

	}

}

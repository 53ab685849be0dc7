package ca.aiguillage.notification.delivery;

import java.util.List;

import ca.aiguillage.notification.channels.ChannelFailure;
import ca.aiguillage.notification.channels.Guards;

/** Sends one audience's deliveries on their channel. */
interface AudienceSender {

	/**
	 * Sends one delivery.
	 * @param known the case, as it was when the delivery was claimed
	 * @param attempts receives every attempt
	 * @return SENT, or FAILED with a reason that no channel can change
	 * @throws ChannelFailure when the channel could not take it
	 */
	DeliveryResult send(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts);

}

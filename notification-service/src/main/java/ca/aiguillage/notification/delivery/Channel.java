package ca.aiguillage.notification.delivery;

import ca.aiguillage.contracts.common.ContactChannel;
import org.jspecify.annotations.Nullable;

/** The channel a delivery goes out on. */
enum Channel {

	/** Email. */
	EMAIL,
	/** Text message. */
	SMS,
	/** A partner's webhook. */
	WEBHOOK,
	/** None: the client consented to no channel, so a coordinator must reach them. */
	NONE;

	static Channel of(ContactChannel channel) {
		return valueOf(channel.name());
	}

	ca.aiguillage.contracts.notification.DeliveryRecordedV1.@Nullable Channel onTheWire() {
		return (this == NONE) ? null : ca.aiguillage.contracts.notification.DeliveryRecordedV1.Channel.valueOf(name());
	}

}

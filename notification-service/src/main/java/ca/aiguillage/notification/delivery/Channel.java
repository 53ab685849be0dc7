package ca.aiguillage.notification.delivery;

import ca.aiguillage.contracts.common.ContactChannel;

/** The channel a delivery goes out on. */
enum Channel {

	/** Email. */
	EMAIL,
	/** Text message. */
	SMS,
	/** None: the client consented to no channel, so a coordinator must reach them. */
	NONE;

	static Channel of(ContactChannel channel) {
		return valueOf(channel.name());
	}

}

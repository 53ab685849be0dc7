package ca.aiguillage.notification.delivery;

/** Where a delivery stands. */
enum DeliveryStatus {

	/** Waiting for its due time (now, or the morning after quiet hours). */
	PENDING,
	/** Taken by a sender, until its lease runs out. */
	SENDING,
	/** Accepted by the SMTP server, the SMS provider or the partner's endpoint. */
	SENT,
	/** Refused, or failed after the last attempt: coordinators see it in the log. */
	FAILED,
	/** The client can be reached on no channel they consented to. */
	UNREACHABLE;

	boolean finished() {
		return this == SENT || this == FAILED || this == UNREACHABLE;
	}

}

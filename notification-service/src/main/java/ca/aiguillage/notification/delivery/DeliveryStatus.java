package ca.aiguillage.notification.delivery;

/** Where a delivery stands. */
enum DeliveryStatus {

	/**
	 * Waiting for its due time: now, the morning after quiet hours, or its next attempt
	 * after a passing failure.
	 */
	PENDING,
	/** Taken by a sender, until its lease runs out. */
	SENDING,
	/** Accepted by the SMTP server, the SMS provider or the partner's endpoint. */
	SENT,
	/** Refused, or still failing at its deadline: coordinators see it in the log. */
	FAILED,
	/** The client can be reached on no channel they consented to. */
	UNREACHABLE,
	/** The referral closed before it went, so the step it was about no longer exists. */
	CANCELLED;

	boolean finished() {
		return this == SENT || this == FAILED || this == UNREACHABLE || this == CANCELLED;
	}

}

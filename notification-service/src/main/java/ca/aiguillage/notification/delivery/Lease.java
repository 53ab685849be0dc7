package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The rule every message a sender claims follows, a delivery or a digest: it is due when
 * its time has come or its sender's lease ran out, and the lease's end is the fencing
 * token a sender shows to start and to record a failure, so that a sender whose lease ran
 * out cannot act under the one that took the message over.
 */
final class Lease {

	private Lease() {
	}

	/** Whether a message is for a sender to take now. */
	static boolean due(DeliveryStatus status, @Nullable Instant dueAt, @Nullable Instant leaseUntil, Instant now) {
		return (status == DeliveryStatus.PENDING && dueAt != null && !now.isBefore(dueAt))
				|| (status == DeliveryStatus.SENDING && leaseUntil != null && !now.isBefore(leaseUntil));
	}

	/**
	 * A new lease's end, stored to the millisecond so that the token read back equals it.
	 */
	static Instant until(Instant now, Duration lease) {
		return now.plus(lease).truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Whether the sender showing this token still holds the message: no later claim took
	 * it.
	 */
	static boolean heldBy(DeliveryStatus status, @Nullable Instant leaseUntil, @Nullable Instant token) {
		return status == DeliveryStatus.SENDING && token != null && token.equals(leaseUntil);
	}

}

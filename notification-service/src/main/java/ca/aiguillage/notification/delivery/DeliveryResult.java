package ca.aiguillage.notification.delivery;

import java.util.List;

import ca.aiguillage.notification.channels.Guards;
import org.jspecify.annotations.Nullable;

/**
 * What became of one delivery.
 *
 * @param status SENT, FAILED, or PENDING to be tried again after a passing failure
 * @param address where it went, masked
 * @param reason why it failed, or null
 * @param attempts every attempt and its outcome
 * @param phoneHash the keyed hash of the mobile number, for a text message
 */
record DeliveryResult(DeliveryStatus status, @Nullable String address, @Nullable String reason,
		List<Guards.Attempt> attempts, @Nullable String phoneHash) {

	static DeliveryResult sent(String address, List<Guards.Attempt> attempts) {
		return new DeliveryResult(DeliveryStatus.SENT, address, null, attempts, null);
	}

	/**
	 * The provider may have taken it and nothing says whether it did: counted as sent,
	 * never sent again, and the log says it is unconfirmed.
	 */
	static DeliveryResult unconfirmed(@Nullable String address, String reason, List<Guards.Attempt> attempts) {
		return new DeliveryResult(DeliveryStatus.SENT, address, reason, attempts, null);
	}

	static DeliveryResult failed(String reason, List<Guards.Attempt> attempts) {
		return new DeliveryResult(DeliveryStatus.FAILED, null, reason, attempts, null);
	}

	static DeliveryResult retry(String reason, List<Guards.Attempt> attempts) {
		return new DeliveryResult(DeliveryStatus.PENDING, null, reason, attempts, null);
	}

	List<Delivery.Attempt> attemptLog() {
		return this.attempts.stream().map(attempt -> new Delivery.Attempt(attempt.at(), attempt.outcome())).toList();
	}

}

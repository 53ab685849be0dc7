package ca.aiguillage.referral.intake;

/**
 * An {@code Idempotency-Key} reused for a different request: nothing is stored and the
 * referral registered under that key stays as it was.
 */
class IdempotencyConflictException extends RuntimeException {

	IdempotencyConflictException() {
		super("Idempotency-Key reused with a different request body");
	}

}

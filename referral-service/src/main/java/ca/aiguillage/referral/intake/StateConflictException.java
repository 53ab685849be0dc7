package ca.aiguillage.referral.intake;

/** An action the referral's current status does not allow; nothing changed. */
class StateConflictException extends RuntimeException {

	private final ReferralStatus current;

	StateConflictException(ReferralStatus current) {
		super("not allowed in status " + current);
		this.current = current;
	}

	ReferralStatus current() {
		return this.current;
	}

}

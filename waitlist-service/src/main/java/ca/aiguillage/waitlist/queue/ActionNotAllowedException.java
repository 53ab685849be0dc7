package ca.aiguillage.waitlist.queue;

/**
 * A coordinator's action that the referral's current state does not allow.
 */
public class ActionNotAllowedException extends RuntimeException {

	private final String action;

	private final QueueStatus current;

	ActionNotAllowedException(String action, QueueStatus current) {
		super(action + " is not allowed in state " + current);
		this.action = action;
		this.current = current;
	}

	public String action() {
		return this.action;
	}

	public QueueStatus current() {
		return this.current;
	}

}

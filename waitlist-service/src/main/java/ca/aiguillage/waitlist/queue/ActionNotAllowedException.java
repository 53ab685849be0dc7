package ca.aiguillage.waitlist.queue;

/**
 * A coordinator's action that the referral's current state does not allow.
 */
public class ActionNotAllowedException extends RuntimeException {

	private final CoordinatorAction action;

	private final QueueStatus current;

	ActionNotAllowedException(CoordinatorAction action, QueueStatus current) {
		super(action.path() + " is not allowed in state " + current);
		this.action = action;
		this.current = current;
	}

	public CoordinatorAction action() {
		return this.action;
	}

	public QueueStatus current() {
		return this.current;
	}

}

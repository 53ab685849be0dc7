package ca.aiguillage.waitlist.queue;

/**
 * A decision made on a version of the referral that someone else has changed since.
 */
public class RevisionConflictException extends RuntimeException {

	private final long current;

	RevisionConflictException(long current) {
		super("the referral changed: it is now at revision " + current);
		this.current = current;
	}

	public long current() {
		return this.current;
	}

}

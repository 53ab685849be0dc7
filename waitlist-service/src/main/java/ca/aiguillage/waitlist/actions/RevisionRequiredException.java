package ca.aiguillage.waitlist.actions;

/** An action sent without the revision it was decided on. */
class RevisionRequiredException extends RuntimeException {

	RevisionRequiredException() {
		super("If-Match is required");
	}

}

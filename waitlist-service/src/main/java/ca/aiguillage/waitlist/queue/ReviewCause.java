package ca.aiguillage.waitlist.queue;

import ca.aiguillage.contracts.waitlist.ReviewRequestedV1.Cause;

/**
 * Why coordinators were asked to look at a referral: the contract's causes, and a client
 * who no longer needs the service when that answer does not close the referral by itself
 * (turned off, or already in therapy). The names are stored as they always were.
 */
public enum ReviewCause {

	/** Check-ins went unanswered. */
	NO_CHECK_IN_ANSWER,
	/** The referral stayed too long in one state. */
	STATE_TOO_LONG,
	/** The client says they feel worse. */
	WORSENED,
	/** No channel reaches the client. */
	NO_REACHABLE_CHANNEL,
	/** The client will pass 60 days of waiting. */
	SIXTY_DAY_RISK,
	/** The client says they no longer need the service: a coordinator decides. */
	NO_LONGER_NEEDED,
	/**
	 * Intake redirected the client to crisis resources: flagged until a coordinator
	 * records a follow-up.
	 */
	CRISIS_FOLLOW_UP;

	static ReviewCause of(Cause cause) {
		return switch (cause) {
			case NO_CHECK_IN_ANSWER -> NO_CHECK_IN_ANSWER;
			case STATE_TOO_LONG -> STATE_TOO_LONG;
			case WORSENED -> WORSENED;
			case NO_REACHABLE_CHANNEL -> NO_REACHABLE_CHANNEL;
			case SIXTY_DAY_RISK -> SIXTY_DAY_RISK;
		};
	}

}

package ca.aiguillage.referral.intake;

import java.util.EnumSet;
import java.util.Set;

/** Where a referral stands, as its referrer follows it. */
public enum ReferralStatus {

	/** Accepted at intake and announced to the other services. */
	SUBMITTED,
	/** Imminent risk: sent to crisis resources, never queued. */
	REDIRECTED,
	/** The same person already had an open referral: linked to it, not queued twice. */
	LINKED,
	/** No therapist fits yet: on the waitlist. */
	WAITLISTED,
	/** A therapist of a member organization was proposed. */
	PROPOSED,
	/** The proposal was accepted. */
	CONFIRMED,
	/** The first session took place. */
	IN_THERAPY,
	/** The therapy ended. */
	CLOSED,
	/** Withdrawn by the referrer or the client. */
	WITHDRAWN,
	/** Found not eligible by a coordinator. */
	INELIGIBLE,
	/** The client could not be reached. */
	UNREACHABLE,
	/** The client said they no longer need the service. */
	NO_LONGER_NEEDED;

	private static final Set<ReferralStatus> OPEN = EnumSet.of(SUBMITTED, WAITLISTED, PROPOSED, CONFIRMED, IN_THERAPY);

	/**
	 * Whether the referral is still being worked on: a new referral of the same person is
	 * linked to an open one, and only an open one can be withdrawn.
	 */
	public boolean isOpen() {
		return OPEN.contains(this);
	}

	/**
	 * Whether the waitlist took the referral in: only such a referral is one a new
	 * referral of the same person may be linked to.
	 */
	boolean isQueued() {
		return isOpen() && this != SUBMITTED;
	}

	static Set<ReferralStatus> open() {
		return OPEN;
	}

	/**
	 * Every status no service works on any more.
	 */
	static Set<ReferralStatus> closed() {
		return EnumSet.complementOf(EnumSet.copyOf(OPEN));
	}

}

package ca.aiguillage.waitlist.queue;

import java.util.EnumSet;
import java.util.Set;

import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;

/** Where a referral stands in the queue. */
public enum QueueStatus {

	/** Registered; matching has not answered yet. */
	SUBMITTED,
	/** No therapist fits now: waiting for a place. */
	WAITING,
	/** A therapist was proposed; awaiting the answer. */
	PROPOSED,
	/** The proposal was accepted (or a coordinator chose the therapist). */
	CONFIRMED,
	/** The first session took place. */
	IN_THERAPY,
	/** The therapy ended. */
	CLOSED,
	/** A coordinator found the referral ineligible. */
	INELIGIBLE,
	/** Redirected elsewhere (by intake, for imminent risk, or by a coordinator). */
	REDIRECTED,
	/** The client could not be reached. */
	UNREACHABLE,
	/** The referrer or the client withdrew the referral. */
	WITHDRAWN,
	/** The client said they no longer need the service. */
	NO_LONGER_NEEDED;

	/** The statuses of referrals still followed in the queue. */
	public static final Set<QueueStatus> OPEN = EnumSet.of(SUBMITTED, WAITING, PROPOSED, CONFIRMED, IN_THERAPY);

	/** The statuses in which the wait has not ended: the 60-day promise is at stake. */
	public static final Set<QueueStatus> BEFORE_THERAPY = EnumSet.of(SUBMITTED, WAITING, PROPOSED);

	/**
	 * The statuses a proposal from matching may move a referral from (or to PROPOSED
	 * again).
	 */
	public static final Set<QueueStatus> PROPOSABLE = EnumSet.of(SUBMITTED, WAITING, PROPOSED);

	public boolean isOpen() {
		return OPEN.contains(this);
	}

	/** Where a referral that left the queue with this outcome stands. */
	static QueueStatus after(ReferralLeftQueueV2.Outcome outcome) {
		return switch (outcome) {
			case INELIGIBLE -> INELIGIBLE;
			case REDIRECTED -> REDIRECTED;
			case UNREACHABLE -> UNREACHABLE;
			case NO_LONGER_NEEDED -> NO_LONGER_NEEDED;
		};
	}

}

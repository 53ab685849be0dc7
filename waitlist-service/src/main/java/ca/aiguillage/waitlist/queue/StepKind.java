package ca.aiguillage.waitlist.queue;

/**
 * What a timeline step records. The names are stored and shown: they are the codes the
 * timeline has always used, so stored entries still read.
 */
public enum StepKind {

	/** Intake registered the referral. */
	SUBMITTED,
	/** Matching proposed a therapist. */
	PROPOSAL_MADE,
	/** A proposal came after the entry had moved past it, and changed nothing. */
	PROPOSAL_IGNORED,
	/** No therapist fits now. */
	NO_MATCH,
	/** The client was told they wait. */
	WAITLISTED,
	/** Intake redirected the referral. */
	REDIRECTED_AT_INTAKE,
	/** The referrer or the client withdrew it. */
	WITHDRAWN,
	/** A duplicate referral was linked to this one. */
	DUPLICATE_LINKED,
	/** Matching released the place held for it. */
	PLACE_RELEASED,
	/** The client answered a message. */
	CLIENT_ANSWERED,
	/** The client's answer came before its proposal: kept until the proposal comes. */
	ANSWER_PARKED,
	/** The client's answer is about a proposal that is gone, so it changed nothing. */
	ANSWER_UNUSED,
	/** A message could not be delivered. */
	DELIVERY_FAILED,
	/** The proposal was confirmed. */
	PROPOSAL_CONFIRMED,
	/** A coordinator chose another therapist. */
	PROPOSAL_OVERRIDDEN,
	/** Matching could not apply a coordinator's choice; the current proposal stays. */
	OVERRIDE_REFUSED,
	/** The proposal was declined. */
	PROPOSAL_DECLINED,
	/** The proposal was not answered in time. */
	PROPOSAL_EXPIRED,
	/** The first session took place. */
	THERAPY_STARTED,
	/** The therapy ended. */
	THERAPY_ENDED,
	/** A coordinator asked for another therapist after the therapy began. */
	REMATCH_REQUESTED,
	/** A coordinator took the referral out of the queue. */
	LEFT_QUEUE,
	/** A coordinator changed the priority. */
	REPRIORITISED,
	/** A check-in message fell due. */
	CHECK_IN_DUE,
	/** Coordinators were asked to look. */
	REVIEW_REQUESTED,
	/**
	 * A coordinator took the referral from the network queue into their organization's.
	 */
	REFERRAL_TAKEN,
	/**
	 * A coordinator recorded the follow-up of a referral redirected to crisis resources.
	 */
	FOLLOW_UP_RECORDED

}

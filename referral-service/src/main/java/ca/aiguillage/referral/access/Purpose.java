package ca.aiguillage.referral.access;

/** Why personal data was touched (Law 25: purpose limitation). */
public enum Purpose {

	/** Registering a referral sent by a partner over HTTP. */
	INTAKE,
	/** Registering a referral a partner's system published on the inbound topic. */
	INBOUND_INTAKE,
	/** A client referring themself. */
	SELF_REFERRAL,
	/** The referrer or a coordinator following a referral. */
	FOLLOW_UP,

	/** A coordinator comparing two people flagged as possibly the same. */
	DUPLICATE_REVIEW,

	/**
	 * A coordinator reaching the client: to confirm a proposal, mark them unreachable or
	 * redirect them.
	 */
	CONTACT_CLIENT,

	/** A coordinator following up a referral redirected to crisis resources. */
	CRISIS_FOLLOW_UP,

	/** A coordinator checking whether the client is eligible. */
	ELIGIBILITY_REVIEW,

	/**
	 * An administrator serving a client's request for access to what is held (Law 25).
	 */
	ACCESS_REQUEST,

	/**
	 * notification-service reading contact details to send a message the client consented
	 * to.
	 */
	NOTIFICATION

}

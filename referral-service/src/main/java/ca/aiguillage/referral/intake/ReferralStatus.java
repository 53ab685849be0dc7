package ca.aiguillage.referral.intake;

/** Where a referral stands, as referral-service knows it. */
enum ReferralStatus {

	/** Accepted at intake and announced to the other services. */
	SUBMITTED,
	/** Imminent risk: sent to crisis resources, never queued. */
	REDIRECTED,
	/** No therapist fits yet: on the waitlist. */
	WAITLISTED,
	/** A therapist of a member organization was proposed. */
	PROPOSED

}

package ca.aiguillage.waitlist.queue;

/** Where a referral stands in the queue. */
public enum QueueStatus {

	/** Registered; matching has not answered yet. */
	SUBMITTED,
	/** No therapist fits now: waiting for a place. */
	WAITING,
	/** A therapist was proposed; awaiting confirmation. */
	PROPOSED

}

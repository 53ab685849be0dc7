package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

import ca.aiguillage.contracts.common.Priority;

/**
 * A coordinator changed a referral's priority.
 *
 * @param referralId the referral this event is about, also its message key
 * @param priority the new priority
 * @param reprioritisedAt when it changed
 */
public record ReprioritisedV1(String referralId, Priority priority, Instant reprioritisedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.reprioritised.v1";

}

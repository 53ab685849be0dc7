package ca.aiguillage.waitlist.queue;

import ca.aiguillage.platform.events.MalformedEventException;

/**
 * An event about a referral this service never heard of: retrying cannot help, so it goes
 * to the dead-letter topic with this cause.
 */
class UnknownReferralException extends MalformedEventException {

	UnknownReferralException(String type, String referralId) {
		super(type + " is about an unknown referral " + referralId);
	}

}

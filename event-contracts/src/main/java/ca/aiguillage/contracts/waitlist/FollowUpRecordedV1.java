package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A coordinator recorded the follow-up of a referral redirected to crisis resources at
 * intake: it no longer needs to be flagged. The coordinator's note stays in
 * waitlist-service.
 *
 * @param referralId the referral this event is about, also its message key
 * @param recordedAt when the follow-up was recorded
 */
public record FollowUpRecordedV1(String referralId, Instant recordedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.follow-up-recorded.v1";

}

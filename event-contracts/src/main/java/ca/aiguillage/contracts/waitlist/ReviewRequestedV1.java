package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A coordinator is asked to look at a referral.
 *
 * @param referralId the referral this event is about, also its message key
 * @param organizationId the organization whose coordinators should look, or null for the
 * network
 * @param cause why
 * @param requestedAt when it was asked
 */
public record ReviewRequestedV1(String referralId, @Nullable String organizationId, Cause cause,
		Instant requestedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.review-requested.v1";

	/**
	 * Cause.
	 */
	public enum Cause {

		/** Two check-ins went unanswered. */
		NO_CHECK_IN_ANSWER,
		/** The referral sat in one state longer than its organization's limit. */
		STATE_TOO_LONG,
		/** The client said things got worse. */
		WORSENED,
		/** No channel reaches the client. */
		NO_REACHABLE_CHANNEL,
		/** The client will pass 60 days of waiting unless something changes. */
		SIXTY_DAY_RISK

	}

}

package ca.aiguillage.contracts.notification;

import java.time.Instant;

/**
 * A client answered a proposal or a check-in through a signed link or an SMS reply;
 * waitlist-service turns it into its own decision.
 *
 * @param referralId the referral this event is about, also its message key
 * @param subject what was answered
 * @param subjectId the proposal or check-in id
 * @param answer the answer
 * @param channel how it came
 * @param answeredAt when
 */
public record ClientAnsweredV1(String referralId, Subject subject, String subjectId, Answer answer, Channel channel,
		Instant answeredAt) implements NotificationEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.notification.client-answered.v1";

	/**
	 * Subject.
	 */
	public enum Subject {

		/** A proposal. */
		PROPOSAL,
		/** A check-in. */
		CHECK_IN

	}

	/**
	 * Answer.
	 */
	public enum Answer {

		/** Accepts the proposal. */
		ACCEPT,
		/** Declines the proposal. */
		DECLINE,
		/** Still needs the service. */
		STILL_WAITING,
		/** No longer needs the service. */
		NO_LONGER_NEEDED,
		/** Things got worse: crisis resources at once. */
		WORSE

	}

	/**
	 * Channel.
	 */
	public enum Channel {

		/** A signed link. */
		LINK,
		/** An SMS reply. */
		SMS

	}

}

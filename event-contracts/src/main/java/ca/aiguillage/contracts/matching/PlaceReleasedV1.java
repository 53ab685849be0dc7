package ca.aiguillage.contracts.matching;

import java.time.Instant;

/**
 * A therapist's place held for a referral was given back, so waiting clients can be
 * re-examined.
 *
 * @param referralId the referral that held the place
 * @param therapistId the therapist's id in matching-service's directory
 * @param organizationId the therapist's organization
 * @param cause why it was released
 * @param releasedAt when it was released
 */
public record PlaceReleasedV1(String referralId, String therapistId, String organizationId, ReleaseReason cause,
		Instant releasedAt) implements MatchingEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.matching.place-released.v1";

	/**
	 * ReleaseReason.
	 */
	public enum ReleaseReason {

		/** The client declined the proposal. */
		DECLINED,
		/** The proposal expired unanswered. */
		EXPIRED,
		/** The therapy ended. */
		THERAPY_ENDED,
		/** The referral was withdrawn. */
		WITHDRAWN,
		/** A coordinator chose another therapist. */
		OVERRIDDEN,
		/** A coordinator asked for a new match after a poor fit. */
		REMATCH,
		/** The referral left the queue (ineligible, redirected, unreachable). */
		LEFT_QUEUE

	}

}

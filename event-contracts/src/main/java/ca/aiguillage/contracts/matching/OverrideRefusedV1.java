package ca.aiguillage.contracts.matching;

import java.time.Instant;

/**
 * A coordinator's choice of another therapist could not be applied: the referral keeps
 * the proposal it had (announced again as {@link ProposalMadeV1} when it has one), or
 * keeps waiting when it had none.
 *
 * @param referralId the referral the coordinator chose for, also its message key
 * @param therapistId the therapist the coordinator chose
 * @param reasonCode why the choice was refused
 * @param refusedAt when matching refused it
 */
public record OverrideRefusedV1(String referralId, String therapistId, RefusalReason reasonCode,
		Instant refusedAt) implements MatchingEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.matching.override-refused.v1";

	/** Why a coordinator's choice was refused. */
	public enum RefusalReason {

		/** No therapist of the directory has this id. */
		THERAPIST_UNKNOWN,
		/** The therapist takes no new clients now (on leave or inactive). */
		THERAPIST_INACTIVE,
		/**
		 * The therapist works for another organization than the one the referral was sent
		 * to.
		 */
		OTHER_ORGANIZATION,
		/** The therapist has no free place of the kind the client's fee needs. */
		NO_FREE_PLACE,
		/**
		 * The referral needs no place any more (withdrawn, left the queue) or was never
		 * submitted.
		 */
		REFERRAL_CLOSED

	}

}

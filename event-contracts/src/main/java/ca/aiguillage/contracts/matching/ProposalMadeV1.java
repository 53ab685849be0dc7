package ca.aiguillage.contracts.matching;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.jspecify.annotations.Nullable;

/**
 * A therapist was proposed for a referral and one of their places reserved for it.
 *
 * @param referralId the referral this event is about, also its message key
 * @param proposalId the proposal id
 * @param therapistId the proposed therapist
 * @param organizationId the therapist's organization
 * @param modality the modality offered
 * @param slot the first weekly slot offered
 * @param explanation why this therapist
 * @param proposedAt when the proposal was made
 * @param therapistFirstName the therapist's first name, for the client's message
 * @param organizationName the organization's name, for messages
 */
public record ProposalMadeV1(String referralId, String proposalId, String therapistId, String organizationId,
		Modality modality, WeeklySlot slot, Explanation explanation, Instant proposedAt,
		@Nullable String therapistFirstName, @Nullable String organizationName) implements MatchingEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.matching.proposal-made.v1";

	/**
	 * Why a therapist was proposed.
	 *
	 * @param constraintsMet codes of the hard constraints that held, such as
	 * {@code SHARED_LANGUAGE}
	 * @param scoreParts each part of the score, by name
	 * @param score the total score
	 * @param constraintsBroken codes of the hard constraints a coordinator's override
	 * chose to break, such as {@code COMMON_SLOT}; absent for matching's own proposals
	 * (added inside V1, optional)
	 */
	public record Explanation(List<String> constraintsMet, Map<String, Double> scoreParts, double score,
			@Nullable List<String> constraintsBroken) {

		/**
		 * An explanation of matching's own proposal, which breaks no constraint.
		 * @param constraintsMet codes of the hard constraints that held
		 * @param scoreParts each part of the score, by name
		 * @param score the total score
		 */
		public Explanation(List<String> constraintsMet, Map<String, Double> scoreParts, double score) {
			this(constraintsMet, scoreParts, score, null);
		}

	}

}

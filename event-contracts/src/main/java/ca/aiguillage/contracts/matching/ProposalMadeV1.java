package ca.aiguillage.contracts.matching;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.SessionFee;
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
	 * @param videoPool present when the place is a video place of another organization of
	 * the network, offered because the referral's own organization had no free place in
	 * the client's language; absent otherwise (added inside V1, optional)
	 */
	public record Explanation(List<String> constraintsMet, Map<String, Double> scoreParts, double score,
			@Nullable List<String> constraintsBroken, @Nullable VideoPool videoPool) {

		/**
		 * An explanation that may list broken constraints, of a place in the referral's
		 * own organization.
		 * @param constraintsMet codes of the hard constraints that held
		 * @param scoreParts each part of the score, by name
		 * @param score the total score
		 * @param constraintsBroken codes of the constraints a coordinator chose to break,
		 * or null
		 */
		public Explanation(List<String> constraintsMet, Map<String, Double> scoreParts, double score,
				@Nullable List<String> constraintsBroken) {
			this(constraintsMet, scoreParts, score, constraintsBroken, null);
		}

		/**
		 * An explanation of matching's own proposal, which breaks no constraint.
		 * @param constraintsMet codes of the hard constraints that held
		 * @param scoreParts each part of the score, by name
		 * @param score the total score
		 */
		public Explanation(List<String> constraintsMet, Map<String, Double> scoreParts, double score) {
			this(constraintsMet, scoreParts, score, null, null);
		}

	}

	/**
	 * A place of the network-wide video pool: the proposed therapist works in another
	 * organization ({@link ProposalMadeV1#organizationId()}, the host) that shares its
	 * video places with the network, because the referral's own organization had no
	 * therapist with a free place in the client's language. The client pays the fee of
	 * their own organization's sliding scale, never the host's.
	 *
	 * @param homeOrganizationId the organization the referral belongs to, which keeps it
	 * @param language ISO 639-1 code of the language of therapy the host offers and the
	 * home organization had no free place in
	 * @param fee the fee per session the client pays, from the home organization's scale,
	 * or null when that organization has no scale
	 */
	public record VideoPool(String homeOrganizationId, String language, @Nullable SessionFee fee) {

	}

}

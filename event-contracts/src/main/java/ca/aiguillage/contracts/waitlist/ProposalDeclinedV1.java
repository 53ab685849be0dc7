package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A proposal was declined; the client goes back to the queue and the place to
 * re-matching.
 *
 * @param referralId the referral this event is about, also its message key
 * @param proposalId the proposal this decision is about, as named in
 * {@code ProposalMadeV1}
 * @param therapistId the proposed therapist
 * @param decidedBy who decided
 * @param declinedAt when it was declined
 */
public record ProposalDeclinedV1(String referralId, String proposalId, String therapistId, DecidedBy decidedBy,
		Instant declinedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.proposal-declined.v1";

	/**
	 * DecidedBy.
	 */
	public enum DecidedBy {

		/** A coordinator, on the console or the API. */
		COORDINATOR,
		/** The client, through a signed link or an SMS reply. */
		CLIENT

	}

}

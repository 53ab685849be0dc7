package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A proposal was accepted; the reserved place is now the client's.
 *
 * @param referralId the referral this event is about, also its message key
 * @param proposalId the proposal this decision is about, as named in
 * {@code ProposalMadeV1}
 * @param therapistId the proposed therapist
 * @param decidedBy who decided
 * @param confirmedAt when it was confirmed
 */
public record ProposalConfirmedV1(String referralId, String proposalId, String therapistId, DecidedBy decidedBy,
		Instant confirmedAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.proposal-confirmed.v1";

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

package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

/**
 * A proposal went unanswered past its limit; the client goes back to matching and the
 * place is released.
 *
 * @param referralId the referral this event is about, also its message key
 * @param proposalId the proposal this decision is about, as named in
 * {@code ProposalMadeV1}
 * @param therapistId the proposed therapist
 * @param expiredAt when it expired
 */
public record ProposalExpiredV1(String referralId, String proposalId, String therapistId,
		Instant expiredAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.proposal-expired.v1";

}

package ca.aiguillage.contracts.waitlist;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A coordinator chose another therapist than the one proposed, knowing which constraints
 * the choice breaks.
 *
 * @param referralId the referral this event is about, also its message key
 * @param replacedProposalId the proposal replaced, or null when there was none
 * @param therapistId the therapist chosen
 * @param brokenConstraints codes of the hard constraints the choice breaks
 * @param overriddenAt when it was overridden
 */
public record ProposalOverriddenV1(String referralId, @Nullable String replacedProposalId, String therapistId,
		List<String> brokenConstraints, Instant overriddenAt) implements WaitlistEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.waitlist.proposal-overridden.v1";

}

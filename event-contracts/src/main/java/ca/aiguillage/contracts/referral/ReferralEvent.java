package ca.aiguillage.contracts.referral;

/**
 * What referral-service publishes, on
 * {@link ca.aiguillage.contracts.Topics#REFERRAL_EVENTS}: every event type of that topic,
 * and no other. A consumer switches over it without a default branch, so a new type
 * breaks the build wherever it is not handled.
 */
public sealed interface ReferralEvent permits ReferralSubmittedV1, ReferralRedirectedV1, ReferralWithdrawnV1,
		ReferralLinkedToOpenV1, InboundReferralRejectedV1, PossibleDuplicateFlaggedV1, PossibleDuplicateResolvedV1 {

}

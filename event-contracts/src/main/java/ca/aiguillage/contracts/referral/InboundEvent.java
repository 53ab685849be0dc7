package ca.aiguillage.contracts.referral;

/**
 * What partners' integration engines publish, on
 * {@link ca.aiguillage.contracts.Topics#REFERRALS_INBOUND}: every event type of that
 * topic, and no other. A consumer switches over it without a default branch, so a new
 * type breaks the build wherever it is not handled.
 */
public sealed interface InboundEvent permits InboundReferralV1 {

}

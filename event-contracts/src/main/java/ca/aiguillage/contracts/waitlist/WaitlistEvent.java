package ca.aiguillage.contracts.waitlist;

/**
 * What waitlist-service publishes, on
 * {@link ca.aiguillage.contracts.Topics#WAITLIST_EVENTS}: every event type of that topic,
 * and no other. A consumer switches over it without a default branch, so a new type
 * breaks the build wherever it is not handled.
 */
public sealed interface WaitlistEvent permits WaitlistedV1, ProposalConfirmedV1, ProposalDeclinedV1, ProposalExpiredV1,
		ProposalOverriddenV1, TherapyStartedV1, TherapyEndedV1, RematchRequestedV1, ReferralLeftQueueV1,
		ReferralLeftQueueV2, ReprioritisedV1, CheckInDueV1, ReviewRequestedV1, ReferralTakenV1, FollowUpRecordedV1 {

}

package ca.aiguillage.contracts.matching;

/**
 * What matching-service publishes, on
 * {@link ca.aiguillage.contracts.Topics#MATCHING_EVENTS}: every event type of that topic,
 * and no other. A consumer switches over it without a default branch, so a new type
 * breaks the build wherever it is not handled.
 */
public sealed interface MatchingEvent
		permits ProposalMadeV1, NoMatchFoundV1, PlaceReleasedV1, TherapistChangedV1, OverrideRefusedV1 {

}

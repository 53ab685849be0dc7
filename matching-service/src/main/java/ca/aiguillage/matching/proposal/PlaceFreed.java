package ca.aiguillage.matching.proposal;

/**
 * A therapist's place was given back in this instance: it is offered at once to the
 * waiting referrals that fit it.
 *
 * @param therapistId the therapist whose place is free
 */
record PlaceFreed(String therapistId) {
}

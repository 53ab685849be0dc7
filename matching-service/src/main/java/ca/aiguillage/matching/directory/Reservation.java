package ca.aiguillage.matching.directory;

import java.time.Instant;

import ca.aiguillage.contracts.common.WeeklySlot;

/**
 * A new-client place a therapist holds for a referral, and the weekly slot that goes with
 * it.
 *
 * @param referralId the referral the place is held for
 * @param proposalId the proposal that reserved it
 * @param slot the weekly slot offered
 * @param reservedAt when it was reserved
 */
record Reservation(String referralId, String proposalId, WeeklySlot slot, Instant reservedAt) {
}

package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.List;

/**
 * Intake's doubt that a referral is the same person's as another open referral, until a
 * coordinator links or separates them.
 *
 * @param otherReferralId the referral it may duplicate
 * @param matchedOn which of the person's keys matched: {@code NAME_AND_DATE_OF_BIRTH},
 * {@code NAME}, {@code DATE_OF_BIRTH}, {@code PHONE}, {@code EMAIL}
 * @param flaggedAt when intake flagged it
 */
public record PossibleDuplicate(String otherReferralId, List<String> matchedOn, Instant flaggedAt) {
}

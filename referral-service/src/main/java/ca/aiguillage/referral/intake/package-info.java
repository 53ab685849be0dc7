/**
 * Intake's domain: a referral validated the same way whichever door it came in by, stored
 * with the client's personal data encrypted, one open referral per person, and announced
 * without personal data.
 */
@NullMarked
package ca.aiguillage.referral.intake;

import org.jspecify.annotations.NullMarked;

/**
 * The access trail: who read or changed a referral's personal data, when, for which
 * organization or partner and why. Append-only; administrators export it as CSV.
 */
@NullMarked
package ca.aiguillage.referral.access;

import org.jspecify.annotations.NullMarked;

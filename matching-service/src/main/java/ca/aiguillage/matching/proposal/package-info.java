/**
 * Proposals: the matching policy that picks a therapist for a submitted referral and
 * explains why, the reservation of that therapist's place, and the referrals that no one
 * fits yet.
 */
@NullMarked
package ca.aiguillage.matching.proposal;

import org.jspecify.annotations.NullMarked;

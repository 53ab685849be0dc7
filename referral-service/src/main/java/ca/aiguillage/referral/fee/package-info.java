/**
 * Sliding-scale fees: each organization's scale as data, the fee computed at intake.
 */
@NullMarked
package ca.aiguillage.referral.fee;

import org.jspecify.annotations.NullMarked;

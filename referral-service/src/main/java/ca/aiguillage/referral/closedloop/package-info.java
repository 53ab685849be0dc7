/**
 * The closed loop: what matching and the waitlist did with a referral, recorded on its
 * timeline for the referrer.
 */
@NullMarked
package ca.aiguillage.referral.closedloop;

import org.jspecify.annotations.NullMarked;

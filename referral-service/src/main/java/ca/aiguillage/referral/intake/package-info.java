/**
 * Intake: a partner's or client's referral, validated the same way whether it came over
 * HTTP or from the inbound topic, stored with the client's personal data, and announced
 * without it.
 */
@NullMarked
package ca.aiguillage.referral.intake;

import org.jspecify.annotations.NullMarked;

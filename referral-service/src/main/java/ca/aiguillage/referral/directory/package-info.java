/**
 * The member organizations referral-service knows, learnt from matching's directory (and
 * configured for members with no therapist yet), so that intake refuses a referral to an
 * organization no coordinator would see.
 */
@NullMarked
package ca.aiguillage.referral.directory;

import org.jspecify.annotations.NullMarked;

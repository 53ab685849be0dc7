/**
 * The partner portal: signed-in partners' staff refer and follow their referrals in
 * pages, behind their own security chain.
 */
@NullMarked
package ca.aiguillage.referral.portal;

import org.jspecify.annotations.NullMarked;

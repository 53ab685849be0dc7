/**
 * Self-referral: a client refers themself without an account, through the public page or
 * its JSON endpoint, behind a rate-limited security chain.
 */
@NullMarked
package ca.aiguillage.referral.selfreferral;

import org.jspecify.annotations.NullMarked;

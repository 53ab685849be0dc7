/**
 * Referrals partners' integration engines publish on referrals.inbound, and the
 * rejections partners are told of.
 */
@NullMarked
package ca.aiguillage.referral.inbound;

import org.jspecify.annotations.NullMarked;

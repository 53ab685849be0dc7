/**
 * Events of referral-service ({@code referral.events}) and the partners' inbound referral
 * ({@code referrals.inbound}).
 */
@NullMarked
package ca.aiguillage.contracts.referral;

import org.jspecify.annotations.NullMarked;

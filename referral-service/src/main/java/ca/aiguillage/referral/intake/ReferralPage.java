package ca.aiguillage.referral.intake;

import java.util.List;

/**
 * One page of referrals.
 *
 * @param items the referrals on this page
 * @param page the page number, from 0
 * @param size the page size
 * @param total how many referrals match in all
 */
public record ReferralPage(List<ReferralReceipt> items, int page, int size, long total) {
}

/**
 * Coordinators' decisions on a referral (confirm, override, decline, first session, end,
 * unreachable, ineligible or redirected, priority, re-match): each checked against the
 * referral's state and version, and published as an event.
 */
@NullMarked
package ca.aiguillage.waitlist.actions;

import org.jspecify.annotations.NullMarked;

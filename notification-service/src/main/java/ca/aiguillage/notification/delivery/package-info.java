/**
 * Deliveries: for each referral, the messages its lifecycle events call for, rendered in
 * the client's language, sent on the consented channels by one sender per audience (the
 * client, the referrer's webhook, coordinators), once each, retried after passing
 * failures until a deadline, with every attempt in the log; and the client's answers
 * through signed links and text-message replies.
 */
@NullMarked
package ca.aiguillage.notification.delivery;

import org.jspecify.annotations.NullMarked;

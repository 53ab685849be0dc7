/**
 * Deliveries: for each referral, the messages its lifecycle events call for (the template
 * table and texts), rendered in the client's language, sent on the consented channels, to
 * the referrer's webhook and to coordinators, once each, with every attempt in the log;
 * and the client's answers through signed links and text-message replies.
 */
@NullMarked
package ca.aiguillage.notification.delivery;

import org.jspecify.annotations.NullMarked;

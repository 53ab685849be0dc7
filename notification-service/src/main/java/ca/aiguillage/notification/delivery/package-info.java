/**
 * Deliveries: for each referral, who the client is to write to (language and consented
 * channels, never contact details), the messages its lifecycle events call for, rendered
 * from the templates, and the log of what would be sent on which channel.
 */
@NullMarked
package ca.aiguillage.notification.delivery;

import org.jspecify.annotations.NullMarked;

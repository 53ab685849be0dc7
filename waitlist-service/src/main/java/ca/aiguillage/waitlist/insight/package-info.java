/**
 * Wait-time figures: the queue's length and the wait from registration to the first
 * session, as Prometheus metrics.
 */
@NullMarked
package ca.aiguillage.waitlist.insight;

import org.jspecify.annotations.NullMarked;

/**
 * Wait-time and equity figures: the wait from registration to the first session with and
 * without the delays the client caused, by group, the queue's length day by day,
 * predicted starts, and the same as Prometheus metrics.
 */
@NullMarked
package ca.aiguillage.waitlist.insight;

import org.jspecify.annotations.NullMarked;

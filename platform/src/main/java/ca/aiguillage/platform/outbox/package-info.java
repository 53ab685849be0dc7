/**
 * One document, one change: aggregates that carry their state, the ids of the events they
 * applied and the events they still have to publish, saved in one conditional write; and
 * the relay that publishes those events and marks them sent.
 */
@NullMarked
package ca.aiguillage.platform.outbox;

import org.jspecify.annotations.NullMarked;

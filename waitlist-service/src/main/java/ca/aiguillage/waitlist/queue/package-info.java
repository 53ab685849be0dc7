/**
 * The queue: one entry per referral, projected from intake's, matching's and
 * notification's events and from this service's own decisions, with its status, how long
 * it has waited, the current proposal and its explanation, its timeline and its timers;
 * rebuilt from the topics on demand.
 */
@NullMarked
package ca.aiguillage.waitlist.queue;

import org.jspecify.annotations.NullMarked;

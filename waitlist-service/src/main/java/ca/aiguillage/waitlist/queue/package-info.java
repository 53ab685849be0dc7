/**
 * The queue: one entry per open referral, projected from intake and matching events, with
 * its status, how long it has waited and the current proposal with its explanation.
 */
@NullMarked
package ca.aiguillage.waitlist.queue;

import org.jspecify.annotations.NullMarked;

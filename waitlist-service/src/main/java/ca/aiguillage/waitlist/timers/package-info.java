/**
 * The queue's timers (check-ins, unanswered check-ins, proposals' expiry, states held too
 * long, the 60-day risk): due times stored on each entry, fired by a poller whose
 * conditional writes let each timer fire once however many instances run.
 */
@NullMarked
package ca.aiguillage.waitlist.timers;

import org.jspecify.annotations.NullMarked;

/**
 * The closed loop out: a Task per referral, projected from the events that drive the
 * referrer's timeline (ids, statuses, organizations, no personal data), read and searched
 * by its partner, cancelled to withdraw the referral.
 */
@NullMarked
package ca.aiguillage.fhir.task;

import org.jspecify.annotations.NullMarked;

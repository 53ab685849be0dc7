/**
 * The closed loop pushed: partners subscribe to our Task-status topic (R4 Subscriptions
 * Backport, rest-hook) and each move of one of their Tasks is POSTed to their endpoint as
 * a signed notification Bundle.
 */
@NullMarked
package ca.aiguillage.fhir.subscription;

import org.jspecify.annotations.NullMarked;

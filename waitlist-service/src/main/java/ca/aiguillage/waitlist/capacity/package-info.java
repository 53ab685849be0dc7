/**
 * The therapists' places as matching-service announces them, per organization, so that a
 * forecast can rest on the capacity that fits a client.
 */
@NullMarked
package ca.aiguillage.waitlist.capacity;

import org.jspecify.annotations.NullMarked;

/**
 * Consent: mobile numbers that replied STOP or ARRÊT, known only by their keyed hash, to
 * which no text message goes again.
 */
@NullMarked
package ca.aiguillage.notification.consent;

import org.jspecify.annotations.NullMarked;

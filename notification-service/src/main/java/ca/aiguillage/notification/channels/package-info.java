/**
 * Channels: email over SMTP, text messages through an SMS provider, partner webhooks,
 * each guarded by a retry with exponential back-off and a circuit breaker of its own.
 */
@NullMarked
package ca.aiguillage.notification.channels;

import org.jspecify.annotations.NullMarked;

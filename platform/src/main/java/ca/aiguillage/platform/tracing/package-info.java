/**
 * One trace per referral across services: the trace context an outbox entry carries from
 * the change that raised it to its publication, and what spans may say before they leave
 * the process.
 */
@NullMarked
package ca.aiguillage.platform.tracing;

import org.jspecify.annotations.NullMarked;

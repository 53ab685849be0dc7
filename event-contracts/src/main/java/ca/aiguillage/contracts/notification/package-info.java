/**
 * Events of notification-service: delivery outcomes and clients' answers.
 */
@NullMarked
package ca.aiguillage.contracts.notification;

import org.jspecify.annotations.NullMarked;

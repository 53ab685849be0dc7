/**
 * Webhooks: the endpoint each referring partner registers to hear about its referrals,
 * and the secret that signs what is posted to it.
 */
@NullMarked
package ca.aiguillage.notification.webhooks;

import org.jspecify.annotations.NullMarked;

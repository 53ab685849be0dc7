/**
 * Contacts: the client's address, fetched from referral-service at send time with a
 * service token and never stored, only masked or hashed.
 */
@NullMarked
package ca.aiguillage.notification.contacts;

import org.jspecify.annotations.NullMarked;

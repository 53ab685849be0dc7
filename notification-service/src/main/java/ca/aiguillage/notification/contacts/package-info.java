/**
 * Contacts: the client's address, fetched from referral-service at send time with a
 * service token and never stored, only masked or hashed; and when the client's therapy is
 * likely to start, asked of waitlist-service with the same token.
 */
@NullMarked
package ca.aiguillage.notification.contacts;

import org.jspecify.annotations.NullMarked;

/**
 * Links: signed, expiring tokens that let a client answer a proposal or a check-in
 * without an account; that each serves once is kept by the notification case.
 */
@NullMarked
package ca.aiguillage.notification.links;

import org.jspecify.annotations.NullMarked;

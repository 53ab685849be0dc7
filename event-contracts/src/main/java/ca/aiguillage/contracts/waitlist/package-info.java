/** Events of waitlist-service, on {@code waitlist.events}. */
@NullMarked
package ca.aiguillage.contracts.waitlist;

import org.jspecify.annotations.NullMarked;

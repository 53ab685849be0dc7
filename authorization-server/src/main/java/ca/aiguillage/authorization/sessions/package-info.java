/**
 * Sessions: which applications a person is signed in to, ending them all at once (OpenID
 * Connect Back-Channel Logout) when the person signs out of one or an administrator
 * suspends the account or ends its sessions.
 */
@NullMarked
package ca.aiguillage.authorization.sessions;

import org.jspecify.annotations.NullMarked;

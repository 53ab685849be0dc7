/**
 * Accounts: the people and systems that may obtain a token, seeded from configuration
 * with bcrypt-hashed passwords and secrets, and the claims each one is entitled to.
 */
@NullMarked
package ca.aiguillage.authorization.accounts;

import org.jspecify.annotations.NullMarked;

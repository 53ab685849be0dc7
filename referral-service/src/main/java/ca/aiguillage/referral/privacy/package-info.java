/**
 * Privacy: the keys that protect the client's personal data at rest, the cipher that
 * encrypts it and the keyed hashes that let duplicates be found without decrypting it.
 */
@NullMarked
package ca.aiguillage.referral.privacy;

import org.jspecify.annotations.NullMarked;

/**
 * Privacy: the keys that protect clients' personal data at rest in each service, the
 * cipher that encrypts it, its key rotation with the services' re-encryption jobs, and
 * the keyed hashes that let duplicates be found without decrypting it.
 */
@NullMarked
package ca.aiguillage.platform.privacy;

import org.jspecify.annotations.NullMarked;

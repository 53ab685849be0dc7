/**
 * Token: the OAuth 2.1 and OpenID Connect endpoints, the issuer, the RSA signing key kept
 * outside the repository, and the claims every access token carries.
 */
@NullMarked
package ca.aiguillage.authorization.token;

import org.jspecify.annotations.NullMarked;

/**
 * Every service is an OAuth2 resource server: JWTs validated against the issuer's keys,
 * roles and tenant ids taken from token claims only, refusals as problem details.
 */
@NullMarked
package ca.aiguillage.platform.security;

import org.jspecify.annotations.NullMarked;

package ca.aiguillage.platform.security;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Fails closed on a tenant claim the identity provider forgot: a coordinator's token
 * without {@value Caller#ORGANIZATION} or a partner's without {@value Caller#PARTNER} is
 * invalid, since code that reads an absent tenant as "no filter" would show every
 * organization's clients.
 */
public final class TenantClaims implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error MISSING = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token lacks the tenant claim its role requires", null);

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<String> names = token.getClaimAsStringList(Caller.ROLES);
		return complete(Caller.roles(names), token.getClaimAsString(Caller.ORGANIZATION),
				token.getClaimAsString(Caller.PARTNER)) ? OAuth2TokenValidatorResult.success()
						: OAuth2TokenValidatorResult.failure(MISSING);
	}

	/**
	 * Whether every role that works for a tenant comes with that tenant's claim.
	 * @param roles the token's roles
	 * @param organizationId the organization claim, possibly null
	 * @param partnerId the partner claim, possibly null
	 * @return false when a coordinator has no organization or a partner no partner id
	 */
	static boolean complete(Set<Role> roles, @Nullable String organizationId, @Nullable String partnerId) {
		return !(roles.contains(Role.COORDINATOR) && isBlank(organizationId))
				&& !(roles.contains(Role.PARTNER) && isBlank(partnerId));
	}

	private static boolean isBlank(@Nullable String claim) {
		return claim == null || claim.isBlank();
	}

}

package ca.aiguillage.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.ClassUtils;

/**
 * Who is calling, from the validated token only: never from the request body or
 * parameters.
 *
 * @param subject the token's subject (a user name or a client id)
 * @param roles the roles named in the token's {@value #ROLES} claim
 * @param organizationId the member organization of a coordinator, or null
 * @param partnerId the referring partner of partner staff or a partner system, or null
 */
public record Caller(String subject, Set<Role> roles, @Nullable String organizationId, @Nullable String partnerId) {

	/** The claim holding the roles. */
	public static final String ROLES = "roles";

	private static final String OIDC_USER = "org.springframework.security.oauth2.core.oidc.user.OidcUser";

	/** The claim holding a coordinator's organization. */
	public static final String ORGANIZATION = "organization_id";

	/** The claim holding a partner's id. */
	public static final String PARTNER = "partner_id";

	/**
	 * The caller of the current request.
	 * @return the caller
	 * @throws AccessDeniedException when the request carries no validated token
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			return of(jwt);
		}
		// A person signed in to a page: the claims of their checked access token.
		if (authentication != null && ClassUtils.isPresent(OIDC_USER, Caller.class.getClassLoader())
				&& authentication.getPrincipal() instanceof OidcUser person) {
			return SignedInPeople.caller(person);
		}
		throw new AccessDeniedException("no validated token");
	}

	static Caller of(Jwt jwt) {
		Set<Role> roles = roles(jwt.getClaimAsStringList(ROLES));
		return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(ORGANIZATION), jwt.getClaimAsString(PARTNER));
	}

	/**
	 * Whether this caller is another Aiguillage service (client credentials).
	 * @param clientId the service's client id
	 * @return true for exactly that service
	 */
	public boolean isService(String clientId) {
		return this.roles.contains(Role.SERVICE) && clientId.equals(this.subject);
	}

	/**
	 * The roles named in a token's {@value #ROLES} claim; unknown names are ignored.
	 * @param names the claim's values, possibly null
	 * @return the roles
	 */
	static Set<Role> roles(@Nullable List<String> names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (names != null) {
			for (Role role : Role.values()) {
				if (names.contains(role.name())) {
					roles.add(role);
				}
			}
		}
		return roles;
	}

	public boolean isAdmin() {
		return this.roles.contains(Role.ADMIN);
	}

	/**
	 * Whether this caller coordinates the given organization.
	 * @param organization an organization id, possibly null
	 * @return true for a coordinator of exactly that organization
	 */
	public boolean coordinates(@Nullable String organization) {
		return this.roles.contains(Role.COORDINATOR) && this.organizationId != null
				&& Objects.equals(this.organizationId, organization);
	}

	/**
	 * The organizations whose data this caller sees as a coordinator: exactly theirs, or
	 * none when the token lacks its organization claim (never "all").
	 * @return the coordinated organization, or an empty set
	 */
	public Set<String> coordinatedOrganizations() {
		return (this.roles.contains(Role.COORDINATOR) && this.organizationId != null) ? Set.of(this.organizationId)
				: Set.of();
	}

	/**
	 * Whether this caller is the given referring partner.
	 * @param partner a partner id, possibly null
	 * @return true for partner staff or a partner system of exactly that partner
	 */
	public boolean isPartner(@Nullable String partner) {
		return this.roles.contains(Role.PARTNER) && this.partnerId != null && Objects.equals(this.partnerId, partner);
	}

}

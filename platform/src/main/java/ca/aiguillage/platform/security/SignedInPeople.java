package ca.aiguillage.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Who signed in to a page through the authorization server: roles, organization and
 * partner come from the access token it issued (the claims the API reads), checked
 * against the provider's keys and audience, never from the ID token or the request. The
 * sign-in lasts no longer than that token ({@value #SESSION_ENDS_AT}), nor than a
 * configured maximum when one is shorter, so that roles are read again from a new token
 * at the next sign-in. A service with pages registers one as its {@code oidcUserService}.
 */
public final class SignedInPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

	/** The audience every Aiguillage access token carries. */
	public static final String AUDIENCE = "aiguillage";

	/** The claim that says when the sign-in ends, in seconds since the epoch. */
	public static final String SESSION_ENDS_AT = "aiguillage_session_ends_at";

	private final OidcUserService oidc = new OidcUserService();

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	private final @Nullable Duration longest;

	private final Clock clock;

	/**
	 * Sign-ins that last as long as their access token.
	 */
	public SignedInPeople() {
		this(null, Clock.systemUTC());
	}

	/**
	 * Sign-ins that last as long as their access token, or {@code longest} if shorter.
	 * @param longest the longest a sign-in may last, or null for the token's lifetime
	 * @param clock the time
	 */
	public SignedInPeople(@Nullable Duration longest, Clock clock) {
		this.longest = longest;
		this.clock = clock;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser person = this.oidc.loadUser(request);
		Jwt access;
		try {
			access = decoder(request.getClientRegistration()).decode(request.getAccessToken().getTokenValue());
		}
		catch (JwtException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"), "access token refused", ex);
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		List<String> roles = roles(access);
		if (!TenantClaims.complete(Caller.roles(roles), access.getClaimAsString(Caller.ORGANIZATION),
				access.getClaimAsString(Caller.PARTNER))) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"), "tenant claim missing");
		}
		claims.put(Caller.ROLES, roles);
		claims.put(SESSION_ENDS_AT, endsAt(access).getEpochSecond());
		for (String claim : List.of(Caller.ORGANIZATION, Caller.PARTNER)) {
			if (access.getClaimAsString(claim) != null) {
				claims.put(claim, access.getClaimAsString(claim));
			}
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		return new DefaultOidcUser(authorities, person.getIdToken(), new OidcUserInfo(claims));
	}

	/**
	 * The caller a signed-in person acts as.
	 * @param person the signed-in person
	 * @return the caller
	 */
	public static Caller caller(OidcUser person) {
		Set<Role> roles = Caller.roles(person.getClaimAsStringList(Caller.ROLES));
		return new Caller(person.getSubject(), roles, person.getClaimAsString(Caller.ORGANIZATION),
				person.getClaimAsString(Caller.PARTNER));
	}

	// A session never outlives the token it signed in with.
	private Instant endsAt(Jwt access) {
		Instant expiry = access.getExpiresAt();
		if (expiry == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"), "access token never expires");
		}
		if (this.longest == null) {
			return expiry;
		}
		Instant latest = this.clock.instant().plus(this.longest);
		return latest.isBefore(expiry) ? latest : expiry;
	}

	private static List<String> roles(Jwt access) {
		List<String> roles = access.getClaimAsStringList(Caller.ROLES);
		return (roles != null) ? roles : List.of();
	}

	private JwtDecoder decoder(ClientRegistration registration) {
		return this.decoders.computeIfAbsent(registration.getRegistrationId(), id -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
				.build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
					jwt -> (jwt.getAudience() != null && jwt.getAudience().contains(AUDIENCE))
							? OAuth2TokenValidatorResult.success()
							: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token"))));
			return decoder;
		});
	}

}

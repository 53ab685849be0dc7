package ca.aiguillage.authorization.accounts;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The seeded accounts, under {@code aiguillage.authorization}.
 *
 * @param tokenLifetime how long an access token stays valid
 * @param administratorsNeedSecondFactor whether an administrator signs in with a TOTP
 * code as well as the password (off only in the local stack)
 * @param users people who sign in on the login page
 * @param systems systems that obtain tokens with their own client credentials
 * @param browserClients browser applications that sign people in with an authorization
 * code and PKCE
 */
@Validated
@ConfigurationProperties("aiguillage.authorization")
record AccountsProperties(@DefaultValue("15m") Duration tokenLifetime,
		@DefaultValue("true") boolean administratorsNeedSecondFactor, @DefaultValue List<@Valid User> users,
		@DefaultValue List<@Valid SystemClient> systems, @DefaultValue List<@Valid BrowserClient> browserClients) {

	static final String BCRYPT = "\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}";

	static final String NOT_BCRYPT = "must be a bcrypt hash ({bcrypt}$2a$…), never a plain password";

	// At least 160 bits (RFC 4226's recommendation), in the Base32 that authenticator
	// apps read.
	static final String BASE32_SECRET = "[A-Z2-7]{32,}=*";

	/**
	 * A person.
	 *
	 * @param username the name they sign in with
	 * @param password their password's bcrypt hash
	 * @param roles their roles
	 * @param organizationId a coordinator's organization
	 * @param partnerId the partner a staff member works for
	 * @param totpSecret the Base32 secret of an administrator's authenticator app (RFC
	 * 6238)
	 */
	record User(@NotBlank String username, @Pattern(regexp = BCRYPT, message = NOT_BCRYPT) String password,
			@NotEmpty List<Role> roles, @Nullable String organizationId, @Nullable String partnerId,
			@Nullable @Pattern(regexp = BASE32_SECRET,
					message = "must be a Base32 secret of 32 characters or more") String totpSecret) {

		Claims claims() {
			return new Claims(this.roles, this.organizationId, this.partnerId);
		}

		UserDetails details() {
			return org.springframework.security.core.userdetails.User.withUsername(this.username)
				.password(this.password)
				.roles(this.roles.stream().map(Role::name).toArray(String[]::new))
				.build();
		}

		@AssertTrue(message = "a coordinator needs an organization-id")
		boolean isCoordinatorInAnOrganization() {
			return coordinatorHasOrganization(this.roles, this.organizationId);
		}

		@AssertTrue(message = "a partner needs a partner-id")
		boolean isPartnerIdentified() {
			return partnerHasId(this.roles, this.partnerId);
		}

	}

	/**
	 * A system authenticating with the client-credentials grant, such as a CLSC's records
	 * system.
	 *
	 * @param clientId the client id it authenticates with, also its tokens' subject
	 * @param secret its client secret's bcrypt hash
	 * @param roles the roles its tokens carry
	 * @param organizationId the organization it acts for, if a coordinator's
	 * @param partnerId the partner it acts for
	 * @param jwkSetUrl where its public keys are published, when it authenticates with a
	 * signed JWT assertion ({@code private_key_jwt}, SMART Backend Services) instead of a
	 * secret
	 */
	record SystemClient(@NotBlank String clientId,
			@Pattern(regexp = BCRYPT, message = NOT_BCRYPT) @Nullable String secret, @NotEmpty List<Role> roles,
			@Nullable String organizationId, @Nullable String partnerId, @Nullable URI jwkSetUrl) {

		Claims claims() {
			return new Claims(this.roles, this.organizationId, this.partnerId);
		}

		RegisteredClient registration(Duration tokenLifetime) {
			RegisteredClient.Builder registration = RegisteredClient.withId(this.clientId)
				.clientId(this.clientId)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).build());
			if (this.jwkSetUrl != null) {
				// SMART Backend Services: an assertion signed with RS384, keys at the
				// system's JWK Set URL.
				return registration.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
					.clientSettings(ClientSettings.builder()
						.jwkSetUrl(this.jwkSetUrl.toString())
						.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
						.build())
					.build();
			}
			return registration.clientSecret(this.secret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.build();
		}

		@AssertTrue(message = "a system authenticates with either a secret or a jwk-set-url")
		boolean isAuthenticatedOneWay() {
			return (this.secret == null) != (this.jwkSetUrl == null);
		}

		@AssertTrue(message = "a coordinator needs an organization-id")
		boolean isCoordinatorInAnOrganization() {
			return coordinatorHasOrganization(this.roles, this.organizationId);
		}

		@AssertTrue(message = "a partner needs a partner-id")
		boolean isPartnerIdentified() {
			return partnerHasId(this.roles, this.partnerId);
		}

	}

	/**
	 * A public browser application: no secret, authorization code with PKCE only.
	 *
	 * @param clientId the client id the browser application presents
	 * @param redirectUris where the authorization code may be sent
	 * @param scopes the scopes it may ask for
	 * @param backChannelLogoutUris where its pages take logout tokens (OpenID Connect
	 * Back-Channel Logout), one per host it serves; by default each redirect URI's
	 * {@code /login/oauth2/code/} turned into {@code /logout/connect/back-channel/}
	 */
	record BrowserClient(@NotBlank String clientId, @NotEmpty List<URI> redirectUris, @NotEmpty Set<String> scopes,
			@DefaultValue List<URI> backChannelLogoutUris) {

		List<String> backChannelLogout() {
			if (!this.backChannelLogoutUris.isEmpty()) {
				return this.backChannelLogoutUris.stream().map(URI::toString).toList();
			}
			return this.redirectUris.stream()
				.map(URI::toString)
				.map((uri) -> uri.replaceFirst("/login/oauth2/code/", "/logout/connect/back-channel/"))
				.toList();
		}

		RegisteredClient registration(Duration tokenLifetime) {
			return RegisteredClient.withId(this.clientId)
				.clientId(this.clientId)
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUris((uris) -> this.redirectUris.forEach((uri) -> uris.add(uri.toString())))
				.scopes((granted) -> granted.addAll(this.scopes))
				// First-party console: consent would approve people's own tool.
				.clientSettings(ClientSettings.builder()
					.requireProofKey(true)
					.requireAuthorizationConsent(false)
					.setting(Accounts.BACK_CHANNEL_LOGOUT_URI, backChannelLogout())
					.build())
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).build())
				.build();
		}

	}

	// Without its id, a coordinator's or partner's token would see all cases, or none.
	private static boolean coordinatorHasOrganization(List<Role> roles, @Nullable String organizationId) {
		return !roles.contains(Role.COORDINATOR) || StringUtils.hasText(organizationId);
	}

	private static boolean partnerHasId(List<Role> roles, @Nullable String partnerId) {
		return !roles.contains(Role.PARTNER) || StringUtils.hasText(partnerId);
	}

}

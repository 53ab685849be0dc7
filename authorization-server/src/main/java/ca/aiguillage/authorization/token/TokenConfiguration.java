package ca.aiguillage.authorization.token;

import java.util.Set;

import ca.aiguillage.authorization.accounts.Accounts;
import ca.aiguillage.authorization.sessions.BackChannelLogout;
import ca.aiguillage.authorization.sessions.EndedAccountSessions;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The OAuth 2.1 and OpenID Connect endpoints ({@code /oauth2/token},
 * {@code /oauth2/authorize}, {@code /oauth2/jwks}, discovery), signing with the key from
 * {@code aiguillage.authorization.signing-key-file}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, BackChannelLogout backChannel,
			EndedAccountSessions endedSessions) throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		SignedOutLanding landing = new SignedOutLanding();
		http.securityMatcher(authorizationServer.getEndpointsMatcher())
			.with(authorizationServer, (server) -> server.oidc((oidc) -> oidc
				.logoutEndpoint((logout) -> logout.logoutResponseHandler((request, response, authentication) -> {
					// Signing out of one application signs out of all the others.
					if (authentication instanceof OidcLogoutAuthenticationToken signedOut
							&& signedOut.getIdToken() != null) {
						backChannel.signedOut(signedOut.getIdToken());
					}
					landing.onAuthenticationSuccess(request, response, authentication);
				}))))
			.addFilterAfter(endedSessions, SecurityContextHolderFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
		return http.build();
	}

	// A person's browser is sent to the login page; a program asking for JSON gets a 401.
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(TokenProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
	}

	@Bean
	JWKSource<SecurityContext> signingKeys(TokenProperties properties) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKeyFile.loadOrCreate(properties.signingKeyFile())));
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(Accounts accounts) {
		return new AccessTokenClaims(accounts);
	}

}

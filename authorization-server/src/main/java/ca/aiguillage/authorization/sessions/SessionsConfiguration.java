package ca.aiguillage.authorization.sessions;

import java.time.Duration;
import java.util.List;

import ca.aiguillage.authorization.accounts.Accounts;
import ca.aiguillage.authorization.accounts.SuspendedAccounts;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who is signed in where, ending it ({@link BackChannelLogout}), and the administrators'
 * {@code /admin/accounts/…} endpoints, which take an administrator's access token.
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

	@Bean
	SignedInAuthorizations signedInAuthorizations() {
		return new SignedInAuthorizations();
	}

	@Bean
	BackChannelLogout backChannelLogout(SignedInAuthorizations authorizations, Accounts accounts,
			RegisteredClientRepository clients, JWKSource<SecurityContext> keys, AuthorizationServerSettings settings,
			@Value("${aiguillage.authorization.back-channel-logout.retries:1s,5s,15s}") List<Duration> retries) {
		return new BackChannelLogout(authorizations, accounts, clients, new NimbusJwtEncoder(keys),
				settings.getIssuer(), retries);
	}

	@Bean
	EndedAccountSessions endedAccountSessions(SuspendedAccounts suspended) {
		return new EndedAccountSessions(suspended);
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain administratorsEndpoints(HttpSecurity http, JWKSource<SecurityContext> keys,
			AuthorizationServerSettings settings, MessageSource messages) throws Exception {
		AdministrationRefusals refusals = new AdministrationRefusals(messages);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(settings.getIssuer()),
						(jwt) -> (jwt.getAudience() != null && jwt.getAudience().contains("aiguillage"))
								? OAuth2TokenValidatorResult.success()
								: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token"))));
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("roles");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter administrators = new JwtAuthenticationConverter();
		administrators.setJwtGrantedAuthoritiesConverter(roles);
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasRole("ADMIN"))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(administrators))
				.authenticationEntryPoint(refusals)
				.accessDeniedHandler(refusals))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			// Bearer tokens only: no cookie, so no cross-site request to guard against.
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}

package ca.aiguillage.platform.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call needs a valid bearer token (issuer, signature, expiry and audience are
 * checked by Boot's decoder from {@code spring.security.oauth2.resourceserver.jwt.*}, and
 * a tenant role's tenant claim by {@link TenantClaims}), with the issuer's keys kept by
 * {@link IssuerKeys}; health and metrics stay open for probes and Prometheus. Endpoints
 * then check roles and tenants themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(IssuerKeySettings.class)
public class ResourceServerConfiguration {

	@Bean
	TenantClaims tenantClaims() {
		// Boot adds every OAuth2TokenValidator<Jwt> bean to its decoder's checks.
		return new TenantClaims();
	}

	@Bean
	@ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
	IssuerKeys issuerKeys(Environment environment, IssuerKeySettings settings) {
		return new IssuerKeys(environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"),
				settings);
	}

	@Bean
	VerifiedTokens verifiedTokens() {
		return new VerifiedTokens();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain apiSecurity(HttpSecurity http, MessageSource messages, IssuerKeySettings keys,
			ObjectProvider<JwtDecoder> decoders, VerifiedTokens verified) throws Exception {
		ProblemResponses problems = new ProblemResponses(messages);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
					"/error", "/favicon.ico")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				// A token accepted lately is not checked again until it expires.
				.jwt((jwt) -> decoders.ifAvailable((decoder) -> jwt.decoder(verified.remembering(decoder))))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						// No key at hand is a 503 to retry, not a 500.
						filter.setAuthenticationFailureHandler(IssuerKeys.failures(problems, keys));
						return filter;
					}
				}))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens are not sent by browsers on their own, so cross-site request
			// forgery cannot ride them.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}

package ca.aiguillage.notification.answers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The two doors that take no token: client links (the signed link is the credential) and
 * the SMS provider's replies (its signature is). Everything else stays behind the
 * platform's resource-server rules.
 */
@Configuration(proxyBeanMethods = false)
class PublicPagesSecurity {

	@Bean
	@Order(1)
	SecurityFilterChain clientLinksAndSmsReplies(HttpSecurity http) throws Exception {
		http.securityMatcher("/r/**", "/api/v1/sms/replies")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// No cookie or session is involved: a forged request has no link or
			// signature to carry.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}

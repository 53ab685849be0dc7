package ca.aiguillage.fhir.conformance;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The SMART discovery document is read before any token exists. */
@Configuration(proxyBeanMethods = false)
class SmartDiscoverySecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain smartDiscovery(HttpSecurity http) throws Exception {
		return http.securityMatcher("/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}

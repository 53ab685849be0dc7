package ca.aiguillage.waitlist.console;

import ca.aiguillage.platform.security.PageLanguages;
import ca.aiguillage.platform.security.SignInPages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's own security, before the API's: people sign in through the authorization
 * server (authorization code with PKCE, the public client {@code aiguillage-console}) and
 * keep a session; the API keeps its bearer tokens.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity implements WebMvcConfigurer {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain consolePages(HttpSecurity http) throws Exception {
		return SignInPages.chain(http, "/console", "/console", "ADMIN", "COORDINATOR");
	}

	/** The service's home (which leads to the console) and its icon need no sign-in. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 9)
	SecurityFilterChain openPages(HttpSecurity http) throws Exception {
		return http.securityMatcher("/", "/favicon.ico")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}

	/**
	 * The platform's page languages: French unless the browser or {@code ?lang=} asks for
	 * English.
	 */
	@Bean
	LocaleResolver localeResolver() {
		return PageLanguages.resolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		PageLanguages.switchable(registry, "/console");
	}

}

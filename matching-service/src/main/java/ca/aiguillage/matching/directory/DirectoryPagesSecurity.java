package ca.aiguillage.matching.directory;

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
 * The directory pages' own security, before the API's: coordinators sign in as to the
 * console (the platform's {@link SignInPages}) and keep a session; the API keeps its
 * bearer tokens.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryPagesSecurity implements WebMvcConfigurer {

	static final String PAGES = "/directory";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain directorySignIn(HttpSecurity http) throws Exception {
		return SignInPages.chain(http, PAGES, PAGES, "ADMIN", "COORDINATOR");
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
		PageLanguages.switchable(registry, PAGES);
	}

}

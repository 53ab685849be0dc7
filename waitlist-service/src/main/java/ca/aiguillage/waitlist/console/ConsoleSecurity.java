package ca.aiguillage.waitlist.console;

import java.util.Locale;

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
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

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
	 * French unless the browser asks for English, or the person chose a language with
	 * {@code ?lang=}; the API's answers follow {@code Accept-Language} as before.
	 */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("AIGUILLAGE_LANG");
		resolver.setDefaultLocaleFunction(request -> {
			String header = request.getHeader("Accept-Language");
			return (header != null && request.getLocale().getLanguage().equals("en")) ? Locale.ENGLISH : Locale.FRENCH;
		});
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor languages = new LocaleChangeInterceptor();
		languages.setParamName("lang");
		registry.addInterceptor(languages).addPathPatterns("/console", "/console/**");
	}

}

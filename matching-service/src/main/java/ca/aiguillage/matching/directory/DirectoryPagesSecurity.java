package ca.aiguillage.matching.directory;

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
		registry.addInterceptor(languages).addPathPatterns(PAGES, PAGES + "/**");
	}

}

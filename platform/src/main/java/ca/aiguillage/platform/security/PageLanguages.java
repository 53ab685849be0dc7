package ca.aiguillage.platform.security;

import java.util.Locale;

import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of pages people sign in to: French unless the browser asks for English, or
 * the person chose a language with {@code ?lang=}, which a cookie keeps; the API's
 * answers follow {@code Accept-Language} as before.
 */
public final class PageLanguages {

	/** The cookie that keeps the language a person chose. */
	public static final String COOKIE = "AIGUILLAGE_LANG";

	private PageLanguages() {
	}

	/**
	 * The resolver a service with such pages declares as its {@code localeResolver} bean.
	 * @return the resolver
	 */
	public static LocaleResolver resolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
		resolver.setDefaultLocaleFunction(request -> {
			String header = request.getHeader("Accept-Language");
			return (header != null && request.getLocale().getLanguage().equals("en")) ? Locale.ENGLISH : Locale.FRENCH;
		});
		return resolver;
	}

	/**
	 * Lets {@code ?lang=} change the language on the pages.
	 * @param registry the service's interceptors
	 * @param pages the pages' path, such as {@code /console}
	 */
	public static void switchable(InterceptorRegistry registry, String pages) {
		LocaleChangeInterceptor languages = new LocaleChangeInterceptor();
		languages.setParamName("lang");
		registry.addInterceptor(languages).addPathPatterns(pages, pages + "/**");
	}

}

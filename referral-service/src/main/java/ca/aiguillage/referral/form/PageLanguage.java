package ca.aiguillage.referral.form;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * French unless the request asks for English: a {@code lang} parameter first (the pages'
 * language links and hidden fields carry it), then the browser's {@code Accept-Language}.
 * Stateless, so the API keeps answering in the language each request asks for.
 */
@Configuration(proxyBeanMethods = false)
class PageLanguage {

	static final Locale FRENCH = Locale.forLanguageTag("fr");

	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver byHeader = new AcceptHeaderLocaleResolver() {

			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				String lang = request.getParameter("lang");
				if ("en".equals(lang) || "fr".equals(lang)) {
					return Locale.forLanguageTag(lang);
				}
				return super.resolveLocale(request);
			}

		};
		byHeader.setSupportedLocales(List.of(FRENCH, Locale.ENGLISH));
		byHeader.setDefaultLocale(FRENCH);
		return byHeader;
	}

}

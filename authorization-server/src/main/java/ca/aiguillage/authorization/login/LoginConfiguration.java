package ca.aiguillage.authorization.login;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.authorization.accounts.Accounts;
import ca.aiguillage.authorization.sessions.EndedAccountSessions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Form login on {@code /login}; the page speaks French unless the browser prefers English
 * or the person chose it with {@code ?lang=en}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginSettings.class)
class LoginConfiguration implements WebMvcConfigurer {

	static final String LANGUAGE_PARAMETER = "lang";

	static final String LANGUAGE_COOKIE = "aiguillage-authorization-lang";

	// No inline script or style anywhere: the pages load /authorization.css and nothing
	// else.
	private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@Bean
	LoginThrottle loginThrottle(LoginSettings settings, ObjectProvider<MeterRegistry> meters) {
		return new LoginThrottle(settings, Clock.systemUTC(), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	SecondFactor secondFactor(UserDetailsService users, Accounts accounts) {
		// The only authentication provider of the form login: no password-only path is
		// left.
		return new SecondFactor(users, accounts, Clock.systemUTC());
	}

	@Bean
	SecurityFilterChain signIn(HttpSecurity http, LoginThrottle throttle, EndedAccountSessions endedSessions)
			throws Exception {
		ThrottledSignIns throttled = new ThrottledSignIns(throttle);
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/login", "/error", "/favicon.ico", "/authorization.css", "/actuator/health",
					"/actuator/health/**", "/actuator/prometheus")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.authenticationDetailsSource(SecondFactor.Details::new)
				.failureHandler(throttled)
				.successHandler(throttled)
				.permitAll())
			.addFilterBefore(throttled, UsernamePasswordAuthenticationFilter.class)
			// A suspended account's sign-in, or one an administrator ended, ends here
			// too.
			.addFilterAfter(endedSessions, SecurityContextHolderFilter.class)
			// Spring Security's defaults add nosniff, DENY framing and HSTS over TLS.
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
		browser.setSupportedLocales(List.of(Locale.FRENCH, Locale.ENGLISH));
		// Else a browser asking for neither gets the machine's locale.
		browser.setDefaultLocale(Locale.FRENCH);
		CookieLocaleResolver chosen = new CookieLocaleResolver(LANGUAGE_COOKIE);
		chosen.setCookieMaxAge(Duration.ofDays(365));
		chosen.setDefaultLocaleFunction(browser::resolveLocale);
		return chosen;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor choice = new LocaleChangeInterceptor();
		choice.setParamName(LANGUAGE_PARAMETER);
		choice.setIgnoreInvalidLocale(true);
		registry.addInterceptor(choice);
	}

}

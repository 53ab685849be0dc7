package ca.aiguillage.referral.selfreferral;

import java.io.IOException;
import java.time.Duration;

import ca.aiguillage.platform.security.ProblemResponses;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Self-referral needs no account, so it is open to anyone, but protected against
 * cross-site forgery (a token in a cookie that the page echoes in a header) and
 * rate-limited per client address (an IPv6 /64 counts as one): abuse gets 429 with
 * Retry-After.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SelfReferralSettings.class)
public class SelfReferralSecurity {

	public static final String PATH = "/api/v1/self-referrals";

	@Bean
	@Order(1)
	SecurityFilterChain selfReferralFilterChain(HttpSecurity http, SelfReferralSettings settings,
			MessageSource messages) throws Exception {
		RateLimiterRegistry limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
			.limitForPeriod(settings.limitPerAddress())
			.limitRefreshPeriod(settings.period())
			.timeoutDuration(Duration.ZERO)
			.build());
		ProblemResponses problems = new ProblemResponses(messages);
		http.securityMatcher(PATH, PATH + "/**", SelfReferralPage.PATH, SelfReferralPage.PATH + "/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(problems))
			.addFilterBefore(new PerAddressLimit(limiters, new ClientAddress(settings.trustedProxies()), problems),
					CsrfFilter.class)
			// Load the token before the page renders: a long page commits the response
			// before its form asks for the token, too late to set the cookie.
			.addFilterAfter(new TokenLoader(), CsrfFilter.class);
		return http.build();
	}

	/** Makes the deferred CSRF token write its cookie now. */
	private static final class TokenLoader extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			if (token != null) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

	/** Counts every self-referral attempt of a client address, valid or not. */
	private static final class PerAddressLimit extends OncePerRequestFilter {

		private final RateLimiterRegistry limiters;

		private final ClientAddress addresses;

		private final ProblemResponses problems;

		PerAddressLimit(RateLimiterRegistry limiters, ClientAddress addresses, ProblemResponses problems) {
			this.limiters = limiters;
			this.addresses = addresses;
			this.problems = problems;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			// The consent step stores nothing: only submissions count.
			if (!"POST".equals(request.getMethod()) || request.getRequestURI().endsWith("/consent")) {
				chain.doFilter(request, response);
				return;
			}
			RateLimiter limiter = this.limiters
				.rateLimiter(this.addresses.keyOf(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")));
			if (limiter.acquirePermission()) {
				chain.doFilter(request, response);
				return;
			}
			long retryAfter = Math.max(1, limiter.reservePermission() / 1_000_000_000L);
			limiter.drainPermissions();
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", String.valueOf(retryAfter));
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests");
		}

	}

}

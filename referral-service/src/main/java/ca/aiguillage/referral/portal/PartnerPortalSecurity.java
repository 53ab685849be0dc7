package ca.aiguillage.referral.portal;

import ca.aiguillage.platform.security.SignInPages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The partner portal's own security, before the API's: partners' staff sign in through
 * the authorization server (authorization code with PKCE, the public client
 * {@code aiguillage-partner-portal}) and keep a session; forms carry a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class PartnerPortalSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain partnerPortalPages(HttpSecurity http) throws Exception {
		return SignInPages.chain(http, PartnerPortal.PATH, PartnerPortal.PATH + "/referrals", "PARTNER");
	}

}

package ca.aiguillage.fhir.subscription;

import ca.aiguillage.platform.webhooks.WebhookAddresses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The address check every subscription endpoint goes through, as webhooks' does. */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

	@Bean
	WebhookAddresses subscriptionAddresses(SubscriptionSettings settings, Environment environment) {
		// Loopback reaches the services behind the firewall: tests and the local stack
		// only.
		if (settings.allowLoopback() && !environment.matchesProfiles(SubscriptionSettings.LOCAL_PROFILE)) {
			throw new IllegalStateException("fhir.subscriptions.allow-loopback needs the local profile");
		}
		return new WebhookAddresses(settings.allowLoopback());
	}

}

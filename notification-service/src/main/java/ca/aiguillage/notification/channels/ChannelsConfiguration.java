package ca.aiguillage.notification.channels;

import java.time.Clock;

import ca.aiguillage.platform.webhooks.WebhookAddresses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.client.RestClient;

/** The channels, their guards and their lanes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ChannelSettings.class, WebhookSettings.class })
class ChannelsConfiguration {

	@Bean
	Guards guards(ChannelSettings settings, Clock clock) {
		return new Guards(settings.retry(), settings.circuitBreaker(), clock);
	}

	@Bean
	EmailChannel emailChannel(JavaMailSender mail, ChannelSettings settings) {
		return new EmailChannel(mail, settings.mailFrom(), settings.emailDataReplyTimeout());
	}

	@Bean
	SmsGateway smsGateway(RestClient.Builder http, ChannelSettings settings) {
		return new TwilioSmsGateway(http, settings.sms());
	}

	@Bean
	WebhookAddresses webhookAddresses(WebhookSettings webhooks, Environment environment) {
		if (webhooks.allowLoopback() && !environment.matchesProfiles(WebhookSettings.LOCAL_PROFILE)) {
			// A test-only allowance must never open loopback in a real deployment.
			throw new IllegalStateException("notification.webhooks.allow-loopback=true is refused without the '"
					+ WebhookSettings.LOCAL_PROFILE + "' profile: remove it, or run the local stack");
		}
		return new WebhookAddresses(webhooks.allowLoopback());
	}

	@Bean
	WebhookChannel webhookChannel(ChannelSettings settings, WebhookAddresses addresses, Clock clock) {
		return new WebhookChannel(settings.webhookTimeout(), addresses, clock);
	}

	@Bean
	Lanes lanes(ChannelSettings settings) {
		return new Lanes(settings.lanes());
	}

}

package ca.aiguillage.notification.channels;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.client.RestClient;

/** The channels, their guards and their lanes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelSettings.class)
class ChannelsConfiguration {

	@Bean
	Guards guards(ChannelSettings settings, Clock clock) {
		return new Guards(settings.retry(), settings.circuitBreaker(), clock);
	}

	@Bean
	EmailChannel emailChannel(JavaMailSender mail, ChannelSettings settings) {
		return new EmailChannel(mail, settings.mailFrom());
	}

	@Bean
	SmsGateway smsGateway(RestClient.Builder http, ChannelSettings settings) {
		return new TwilioSmsGateway(http, settings.sms());
	}

	@Bean
	WebhookChannel webhookChannel(ChannelSettings settings, Clock clock) {
		return new WebhookChannel(settings.webhookTimeout(), clock);
	}

	@Bean
	Lanes lanes(ChannelSettings settings) {
		return new Lanes(settings.lanes());
	}

}

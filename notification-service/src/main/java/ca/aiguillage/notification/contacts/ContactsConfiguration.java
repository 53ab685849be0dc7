package ca.aiguillage.notification.contacts;

import java.time.Clock;

import ca.aiguillage.notification.channels.Guards;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The contact directory and the keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContactSettings.class)
class ContactsConfiguration {

	@Bean
	ContactDirectory contactDirectory(ContactSettings settings, RestClient.Builder http, Guards guards, Clock clock) {
		return new ContactDirectory(http.clone().baseUrl(settings.referralService().toString()).build(),
				new ServiceTokens(http, settings.client(), clock), guards);
	}

	@Bean
	NotificationKeys notificationKeys(ContactSettings settings) {
		return NotificationKeys.load(settings.keyFile());
	}

	@Bean
	PhoneHashes phoneHashes(NotificationKeys keys) {
		return new PhoneHashes(keys.phoneHashKey());
	}

}

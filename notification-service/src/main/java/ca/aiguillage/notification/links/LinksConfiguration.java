package ca.aiguillage.notification.links;

import ca.aiguillage.notification.contacts.NotificationKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Links signed with the key from the key file. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkSettings.class)
class LinksConfiguration {

	@Bean
	ClientLinks clientLinks(NotificationKeys keys) {
		return new ClientLinks(keys.linkKey());
	}

}

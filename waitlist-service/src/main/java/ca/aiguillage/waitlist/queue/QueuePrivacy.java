package ca.aiguillage.waitlist.queue;

import ca.aiguillage.platform.privacy.PrivacySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The queue's privacy keys, from {@code waitlist.privacy}: the data-encryption keys that
 * seal coordinators' reasons and clients' answers (no blind index here).
 */
@Configuration(proxyBeanMethods = false)
class QueuePrivacy {

	@Bean
	PrivacySettings privacySettings(Environment environment) {
		return PrivacySettings.bind(environment, "waitlist.privacy", false, SealedText.SEALED_FIELDS);
	}

}

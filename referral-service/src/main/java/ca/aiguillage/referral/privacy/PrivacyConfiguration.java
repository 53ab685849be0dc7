package ca.aiguillage.referral.privacy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher and the blind index, both keyed from the one key file. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfiguration {

	@Bean
	PrivacyKeys privacyKeys(PrivacyProperties properties) {
		return PrivacyKeys.loadOrCreate(properties.keyFile());
	}

	@Bean
	PersonalDataCipher personalDataCipher(PrivacyKeys keys) {
		return keys.cipher();
	}

	@Bean
	BlindIndex blindIndex(PrivacyKeys keys) {
		return keys.blindIndex();
	}

}

package ca.aiguillage.referral.intake;

import ca.aiguillage.platform.privacy.PrivacySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Intake's privacy keys, from {@code referral.privacy}: the data-encryption keys that
 * seal each referral's personal data and the blind-index key of its duplicates.
 */
@Configuration(proxyBeanMethods = false)
class IntakePrivacy {

	@Bean
	PrivacySettings privacySettings(Environment environment) {
		return PrivacySettings.bind(environment, "referral.privacy", true, "referrals.personalData");
	}

}

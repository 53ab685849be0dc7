package ca.aiguillage.referral.privacy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/** The cipher and the blind index, each keyed from its own file. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfiguration {

	/** Where referrals and their sealed personal data are stored. */
	static final String REFERRALS = "referrals";

	@Bean
	PrivacyKeys privacyKeys(PrivacyProperties properties, MongoOperations mongo) {
		return PrivacyKeys.load(properties.keyFile(), properties.blindIndexFile(), encryptedDataExists(mongo));
	}

	@Bean
	PersonalDataCipher personalDataCipher(PrivacyKeys keys) {
		return keys.cipher();
	}

	@Bean
	BlindIndex blindIndex(PrivacyKeys keys) {
		return keys.blindIndex();
	}

	@Bean
	KeyRotation keyRotation(PrivacyProperties properties, PrivacyKeys keys, PersonalDataCipher cipher) {
		return new KeyRotation(properties.keyFile(), keys, cipher);
	}

	static boolean encryptedDataExists(MongoOperations mongo) {
		return mongo.collectionExists(REFERRALS) && mongo.getCollection(REFERRALS).find().limit(1).first() != null;
	}

}

package ca.aiguillage.platform.privacy;

import java.util.List;

import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The cipher, its rotation and (for a service that keeps them) the blind index, for each
 * service that declares its {@link PrivacySettings}.
 */
@AutoConfiguration
@ConditionalOnBean(PrivacySettings.class)
public class PrivacyAutoConfiguration {

	@Bean
	PrivacyKeys privacyKeys(PrivacySettings settings, MongoOperations mongo) {
		return keys(settings, mongo);
	}

	@Bean
	PersonalDataCipher personalDataCipher(PrivacyKeys keys) {
		return keys.cipher();
	}

	// Lazy: only a service with a blind-index file asks for it.
	@Bean
	@Lazy
	BlindIndex blindIndex(PrivacyKeys keys) {
		return keys.blindIndex();
	}

	@Bean
	KeyRotation keyRotation(PrivacySettings settings, PrivacyKeys keys, PersonalDataCipher cipher) {
		return new KeyRotation(settings.keyFile(), keys, cipher);
	}

	@Bean
	KeyRotationController keyRotationController(KeyRotation rotation, ObjectProvider<ReEncryptionJob> jobs) {
		return new KeyRotationController(rotation, jobs);
	}

	/**
	 * Loads the service's keys as its start does, and fails as it would.
	 * @param settings the service's settings
	 * @param mongo its database
	 * @throws IllegalStateException when a key file is missing while sealed data exists
	 */
	public static void checkKeyFiles(PrivacySettings settings, MongoOperations mongo) {
		keys(settings, mongo);
	}

	private static PrivacyKeys keys(PrivacySettings settings, MongoOperations mongo) {
		return PrivacyKeys.load(settings.keyFile(), settings.blindIndexFile(),
				() -> sealedDataExists(settings.sealedFields(), mongo));
	}

	static boolean sealedDataExists(List<String> sealedFields, MongoOperations mongo) {
		for (String sealedField : sealedFields) {
			int dot = sealedField.indexOf('.');
			String collection = sealedField.substring(0, dot);
			String field = sealedField.substring(dot + 1);
			if (mongo.collectionExists(collection) && mongo.getCollection(collection)
				.find(new Document(field, new Document("$exists", true)))
				.limit(1)
				.first() != null) {
				return true;
			}
		}
		return false;
	}

}

package ca.aiguillage.platform.privacy;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A service's privacy keys: its own key files, under its own prefix (such as
 * {@code referral.privacy}), and where it stores what they seal, so that a lost key file
 * is noticed instead of replaced.
 *
 * @param keyFile a JSON file holding the data-encryption key versions; created owner-only
 * on first start, never over existing data
 * @param blindIndexFile a JSON file holding the blind-index key, or null for a service
 * without blind indexes
 * @param sealedFields where sealed values are stored, as {@code collection.field.path}:
 * any document holding one means the keys must already exist
 */
public record PrivacySettings(Path keyFile, @Nullable Path blindIndexFile, List<String> sealedFields) {

	/**
	 * Binds {@code <prefix>.key-file} and, with blind indexes,
	 * {@code <prefix>.blind-index-key-file} (by default {@code blind-index-key.json}
	 * beside the key file).
	 * @param environment the service's environment
	 * @param prefix the service's prefix, such as {@code referral.privacy}
	 * @param blindIndex whether the service keeps blind indexes
	 * @param sealedFields where the service stores sealed values
	 * @return the settings
	 * @throws IllegalStateException when no key file is configured
	 */
	public static PrivacySettings bind(Environment environment, String prefix, boolean blindIndex,
			String... sealedFields) {
		Binder binder = Binder.get(environment);
		Path keyFile = binder.bind(prefix + ".key-file", Path.class)
			.orElseThrow(() -> new IllegalStateException(
					"Set " + prefix + ".key-file: the file of the keys that encrypt personal data at rest"));
		Path blindIndexFile = blindIndex ? binder.bind(prefix + ".blind-index-key-file", Path.class)
			.orElseGet(() -> keyFile.resolveSibling("blind-index-key.json")) : null;
		return new PrivacySettings(keyFile, blindIndexFile, List.of(sealedFields));
	}

}

package ca.aiguillage.referral.privacy;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the keys that protect personal data live, under {@code referral.privacy}: two
 * files, so that the blind-index key can be kept apart from the data-encryption keys.
 *
 * @param keyFile a JSON file holding the data-encryption key versions; created owner-only
 * on first start, never over existing data
 * @param blindIndexKeyFile a JSON file holding the blind-index key; by default
 * {@code blind-index-key.json} beside the key file
 */
@ConfigurationProperties("referral.privacy")
record PrivacyProperties(@DefaultValue("data/referral/keys.json") Path keyFile, @Nullable Path blindIndexKeyFile) {

	Path blindIndexFile() {
		return (this.blindIndexKeyFile != null) ? this.blindIndexKeyFile
				: this.keyFile.resolveSibling("blind-index-key.json");
	}

}

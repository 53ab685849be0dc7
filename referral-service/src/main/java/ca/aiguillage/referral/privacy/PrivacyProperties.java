package ca.aiguillage.referral.privacy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the keys that protect personal data live, under {@code referral.privacy}.
 *
 * @param keyFile a JSON file holding the data-encryption keys and the blind-index key;
 * created owner-only on first start when missing
 */
@ConfigurationProperties("referral.privacy")
record PrivacyProperties(@DefaultValue("data/referral/keys.json") Path keyFile) {
}

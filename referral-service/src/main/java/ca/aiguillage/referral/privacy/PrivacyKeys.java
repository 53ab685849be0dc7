package ca.aiguillage.referral.privacy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys of the key file: data-encryption keys by id (the active one encrypts, all of
 * them decrypt, so that keys can rotate) and the blind-index key.
 *
 * @param activeKeyId the id of the data-encryption key new values are encrypted with
 * @param dataEncryptionKeys base64 AES-256 keys by id
 * @param blindIndexKey the base64 HMAC-SHA256 key of the blind indexes
 */
record PrivacyKeys(@Nullable String activeKeyId, @Nullable Map<String, String> dataEncryptionKeys,
		@Nullable String blindIndexKey) {

	private static final Logger log = LoggerFactory.getLogger(PrivacyKeys.class);

	static final int KEY_BYTES = 32;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	static PrivacyKeys loadOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return read(file);
			}
			String keyId = "dek-" + HexFormat.of().formatHex(randomBytes(4));
			PrivacyKeys keys = new PrivacyKeys(keyId, Map.of(keyId, encoded(randomBytes(KEY_BYTES))),
					encoded(randomBytes(KEY_BYTES)));
			write(file, keys);
			log.info("Created data-encryption key {} and a blind-index key in {}", keyId, file.toAbsolutePath());
			return keys;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot use the privacy key file " + file.toAbsolutePath(), ex);
		}
	}

	PersonalDataCipher cipher() {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		dataEncryptionKeysOrEmpty().forEach((id, key) -> keys.put(id, new SecretKeySpec(decoded(key), "AES")));
		return new PersonalDataCipher(keys, String.valueOf(this.activeKeyId));
	}

	BlindIndex blindIndex() {
		return new BlindIndex(new SecretKeySpec(decoded(String.valueOf(this.blindIndexKey)), BlindIndex.ALGORITHM));
	}

	@Override
	public String toString() {
		// Never the key material, whoever logs this.
		return "PrivacyKeys[activeKeyId=" + this.activeKeyId + "]";
	}

	private Map<String, String> dataEncryptionKeysOrEmpty() {
		return (this.dataEncryptionKeys != null) ? this.dataEncryptionKeys : Map.of();
	}

	private static PrivacyKeys read(Path file) throws IOException {
		PrivacyKeys keys;
		try {
			keys = JSON.readValue(Files.readString(file), PrivacyKeys.class);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(file.toAbsolutePath() + " is not a privacy key file: " + ex.getMessage(),
					ex);
		}
		String problem = keys.problem();
		if (problem != null) {
			throw new IllegalStateException(file.toAbsolutePath() + " " + problem);
		}
		return keys;
	}

	private @Nullable String problem() {
		if (this.activeKeyId == null || !dataEncryptionKeysOrEmpty().containsKey(this.activeKeyId)) {
			return "must name an activeKeyId among its dataEncryptionKeys";
		}
		for (Map.Entry<String, String> key : dataEncryptionKeysOrEmpty().entrySet()) {
			if (key.getKey().contains(PersonalDataCipher.SEPARATOR) || !isKey(key.getValue())) {
				return "must hold base64 keys of " + KEY_BYTES + " bytes under ids without '"
						+ PersonalDataCipher.SEPARATOR + "'";
			}
		}
		return isKey(this.blindIndexKey) ? null : "must hold a base64 blindIndexKey of " + KEY_BYTES + " bytes";
	}

	private static boolean isKey(@Nullable String base64) {
		try {
			return base64 != null && decoded(base64).length == KEY_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void write(Path file, PrivacyKeys keys) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		// Owner-only from creation: the keys are never readable by others.
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
			File plain = file.toFile();
			plain.setReadable(false, false);
			plain.setWritable(false, false);
			plain.setReadable(true, true);
			plain.setWritable(true, true);
		}
		Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(keys));
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static String encoded(byte[] key) {
		return Base64.getEncoder().encodeToString(key);
	}

	private static byte[] decoded(String key) {
		return Base64.getDecoder().decode(key);
	}

}

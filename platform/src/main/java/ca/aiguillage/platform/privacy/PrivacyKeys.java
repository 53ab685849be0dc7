package ca.aiguillage.platform.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import ca.aiguillage.platform.files.OwnerOnlyFiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys that protect personal data, from two files kept apart: the data-encryption
 * keys by id (the active one encrypts, all of them decrypt, so that keys can rotate) and
 * the blind-index key. Neither is ever generated over existing data: a lost file stops
 * the service instead of silently making every stored value unreadable. A service without
 * blind indexes has no blind-index file.
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

	/**
	 * Loads the files, creating a missing one only while nothing sealed is stored.
	 * @param keyFile the data-encryption keys
	 * @param blindIndexFile the blind-index key, or null for a service without blind
	 * indexes
	 * @param encryptedDataExists whether personal data is already sealed or indexed:
	 * asked only when a file is missing, as it may read the whole store
	 * @return the keys
	 * @throws IllegalStateException when a file is missing while data exists, or is not a
	 * key file
	 */
	static PrivacyKeys load(Path keyFile, @Nullable Path blindIndexFile, BooleanSupplier encryptedDataExists) {
		String files = keyFile.toAbsolutePath()
				+ ((blindIndexFile != null) ? " and " + blindIndexFile.toAbsolutePath() : "");
		try {
			PrivacyKeys dataKeys;
			if (Files.exists(keyFile)) {
				dataKeys = read(keyFile);
			}
			else {
				refuseToGenerate(keyFile, "data-encryption", encryptedDataExists);
				String keyId = newKeyId();
				dataKeys = new PrivacyKeys(keyId, Map.of(keyId, encoded(randomBytes(KEY_BYTES))), null);
				write(keyFile, dataKeys);
				log.info("Created data-encryption key {} in {}", keyId, keyFile.toAbsolutePath());
			}
			String blindIndexKey = (blindIndexFile != null)
					? blindIndexKey(keyFile, blindIndexFile, dataKeys, encryptedDataExists) : null;
			PrivacyKeys keys = new PrivacyKeys(dataKeys.activeKeyId(), dataKeys.dataEncryptionKeys(), blindIndexKey);
			String problem = keys.problem(blindIndexFile != null);
			if (problem != null) {
				throw new IllegalStateException(files + ": " + problem);
			}
			return keys;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot use the privacy key files " + files, ex);
		}
	}

	private static String blindIndexKey(Path keyFile, Path blindIndexFile, PrivacyKeys dataKeys,
			BooleanSupplier encryptedDataExists) throws IOException {
		if (Files.exists(blindIndexFile)) {
			return String.valueOf(read(blindIndexFile).blindIndexKey());
		}
		String blindIndexKey = dataKeys.blindIndexKey();
		if (blindIndexKey != null) {
			// A key file of an earlier version held both: the blind-index key moves to
			// its own file, written before it leaves the other.
			write(blindIndexFile, new PrivacyKeys(null, null, blindIndexKey));
			replace(keyFile, new PrivacyKeys(dataKeys.activeKeyId(), dataKeys.dataEncryptionKeys(), null));
			log.info("Moved the blind-index key to {}", blindIndexFile.toAbsolutePath());
			return blindIndexKey;
		}
		refuseToGenerate(blindIndexFile, "blind-index", encryptedDataExists);
		String created = encoded(randomBytes(KEY_BYTES));
		write(blindIndexFile, new PrivacyKeys(null, null, created));
		log.info("Created a blind-index key in {}", blindIndexFile.toAbsolutePath());
		return created;
	}

	/**
	 * A new data-encryption key version, made active and written to the key file; the
	 * earlier versions stay so that what they encrypted still opens.
	 * @param keyFile the data-encryption key file
	 * @return the keys with the new version active
	 */
	PrivacyKeys rotate(Path keyFile) {
		String keyId = newKeyId();
		Map<String, String> keys = new LinkedHashMap<>(dataEncryptionKeysOrEmpty());
		keys.put(keyId, encoded(randomBytes(KEY_BYTES)));
		PrivacyKeys rotated = new PrivacyKeys(keyId, keys, this.blindIndexKey);
		try {
			replace(keyFile, new PrivacyKeys(keyId, keys, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the key file " + keyFile.toAbsolutePath(), ex);
		}
		log.info("Data-encryption key {} is active", keyId);
		return rotated;
	}

	PersonalDataCipher cipher() {
		return new PersonalDataCipher(secretKeys(), String.valueOf(this.activeKeyId));
	}

	Map<String, SecretKey> secretKeys() {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		dataEncryptionKeysOrEmpty().forEach((id, key) -> keys.put(id, new SecretKeySpec(decoded(key), "AES")));
		return keys;
	}

	BlindIndex blindIndex() {
		if (this.blindIndexKey == null) {
			throw new IllegalStateException("This service keeps no blind-index key: its PrivacySettings name no file");
		}
		return new BlindIndex(new SecretKeySpec(decoded(this.blindIndexKey), BlindIndex.ALGORITHM));
	}

	@Override
	public String toString() {
		// Never the key material, whoever logs this.
		return "PrivacyKeys[activeKeyId=" + this.activeKeyId + "]";
	}

	private Map<String, String> dataEncryptionKeysOrEmpty() {
		return (this.dataEncryptionKeys != null) ? this.dataEncryptionKeys : Map.of();
	}

	private static void refuseToGenerate(Path file, String kind, BooleanSupplier encryptedDataExists) {
		if (encryptedDataExists.getAsBoolean()) {
			throw new IllegalStateException("The " + kind + " key file " + file.toAbsolutePath()
					+ " is missing while personal data is stored: new keys would make every stored value unreadable"
					+ " or undetectable as a duplicate. Restore the file from its backup (or point"
					+ " the service's privacy.key-file to it) and start again.");
		}
	}

	private static PrivacyKeys read(Path file) throws IOException {
		try {
			return JSON.readValue(Files.readString(file), PrivacyKeys.class);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(file.toAbsolutePath() + " is not a privacy key file: " + ex.getMessage(),
					ex);
		}
	}

	private @Nullable String problem(boolean withBlindIndex) {
		if (this.activeKeyId == null || !dataEncryptionKeysOrEmpty().containsKey(this.activeKeyId)) {
			return "must name an activeKeyId among its dataEncryptionKeys";
		}
		for (Map.Entry<String, String> key : dataEncryptionKeysOrEmpty().entrySet()) {
			if (key.getKey().contains(PersonalDataCipher.SEPARATOR) || !isKey(key.getValue())) {
				return "must hold base64 keys of " + KEY_BYTES + " bytes under ids without '"
						+ PersonalDataCipher.SEPARATOR + "'";
			}
		}
		return (!withBlindIndex || isKey(this.blindIndexKey)) ? null
				: "must hold a base64 blindIndexKey of " + KEY_BYTES + " bytes";
	}

	private static boolean isKey(@Nullable String base64) {
		try {
			return base64 != null && decoded(base64).length == KEY_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// Owner-only from creation and never half written (OwnerOnlyFiles).
	private static void replace(Path file, PrivacyKeys keys) throws IOException {
		OwnerOnlyFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(keys));
	}

	private static void write(Path file, PrivacyKeys keys) throws IOException {
		OwnerOnlyFiles.create(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(keys));
	}

	private static String newKeyId() {
		return "dek-" + HexFormat.of().formatHex(randomBytes(4));
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

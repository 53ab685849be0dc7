package ca.aiguillage.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Encrypts personal data at rest with AES-256-GCM: a fresh 96-bit nonce per value, the id
 * of the key version in front of each ciphertext so that keys can rotate, and a context
 * (such as the referral id) authenticated with it so that a ciphertext cannot be moved to
 * another document.
 */
public final class PersonalDataCipher {

	static final String SEPARATOR = ":";

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	// Swapped whole on rotation: a value is never sealed with a key the map lacks.
	private volatile Keys current;

	PersonalDataCipher(Map<String, SecretKey> keys, String activeKeyId) {
		this.current = Keys.of(keys, activeKeyId);
	}

	/**
	 * Makes a new key version encrypt from now on; every earlier one still decrypts.
	 * @param keys every key by id
	 * @param activeKeyId the version that encrypts
	 */
	void activate(Map<String, SecretKey> keys, String activeKeyId) {
		this.current = Keys.of(keys, activeKeyId);
	}

	/**
	 * The key version that encrypts now, for a job that records what it sealed with.
	 * @return the active key's id
	 */
	public String activeKeyId() {
		return this.current.activeKeyId();
	}

	/**
	 * Whether a value was sealed with the active key, or must be sealed again after a
	 * rotation.
	 * @param sealed a sealed value
	 * @return true when its key id is the active one
	 */
	public boolean sealedWithActiveKey(String sealed) {
		return sealed.startsWith(this.current.activeKeyId() + SEPARATOR);
	}

	/**
	 * Encrypts a record as JSON.
	 * @param value the record
	 * @param context what the value belongs to; the same context must be given to open it
	 * @return the key id and the base64 nonce and ciphertext
	 */
	public String seal(Object value, String context) {
		return encrypt(JSON.writeValueAsBytes(value), context);
	}

	/**
	 * Decrypts a record sealed by {@link #seal(Object, String)}.
	 * @param <T> the record type
	 * @param sealed the sealed value
	 * @param type the record type
	 * @param context the context it was sealed with
	 * @return the record
	 * @throws IllegalArgumentException when the value names an unknown key, was altered
	 * or belongs to another context
	 */
	public <T> T open(String sealed, Class<T> type, String context) {
		return JSON.readValue(decrypt(sealed, context), type);
	}

	String encrypt(byte[] plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		Keys keys = this.current;
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, keys.byId().get(keys.activeKeyId()),
					new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			byte[] message = new byte[NONCE_BYTES + ciphertext.length];
			System.arraycopy(nonce, 0, message, 0, NONCE_BYTES);
			System.arraycopy(ciphertext, 0, message, NONCE_BYTES, ciphertext.length);
			return keys.activeKeyId() + SEPARATOR + Base64.getEncoder().encodeToString(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt with AES-GCM", ex);
		}
	}

	byte[] decrypt(String sealed, String context) {
		int separator = sealed.indexOf(SEPARATOR);
		SecretKey key = (separator > 0) ? this.current.byId().get(sealed.substring(0, separator)) : null;
		if (key == null) {
			throw new IllegalArgumentException("The value names no known data-encryption key");
		}
		try {
			byte[] message = Base64.getDecoder().decode(sealed.substring(separator + 1));
			if (message.length < NONCE_BYTES + TAG_BITS / 8) {
				throw new IllegalArgumentException("The value is too short to be a ciphertext");
			}
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, message, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(message, NONCE_BYTES, message.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("The value was altered or belongs to another context", ex);
		}
	}

	private record Keys(Map<String, SecretKey> byId, String activeKeyId) {

		static Keys of(Map<String, SecretKey> keys, String activeKeyId) {
			if (!keys.containsKey(activeKeyId)) {
				throw new IllegalArgumentException("No data-encryption key " + activeKeyId);
			}
			return new Keys(Map.copyOf(keys), activeKeyId);
		}

	}

}

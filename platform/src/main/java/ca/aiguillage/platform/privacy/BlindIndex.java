package ca.aiguillage.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Keyed hashes (HMAC-SHA256) of normalised identity values: equal for the same person
 * however the values were typed, so that duplicates can be found without decrypting, and
 * useless to whoever lacks the key.
 */
public final class BlindIndex {

	static final String ALGORITHM = "HmacSHA256";

	private final SecretKey key;

	BlindIndex(SecretKey key) {
		this.key = key;
	}

	/**
	 * The index of a name and date of birth.
	 * @return the base64url index
	 */
	public String nameAndBirth(String firstName, String lastName, LocalDate dateOfBirth) {
		return hash("name-birth", normalised(firstName + " " + lastName) + "|" + dateOfBirth);
	}

	/**
	 * The index of a name alone, which confirms a shared phone or email.
	 * @return the base64url index
	 */
	public String name(String firstName, String lastName) {
		return hash("name", normalised(firstName + " " + lastName));
	}

	/**
	 * The index of a date of birth alone, which confirms a shared phone or email.
	 * @return the base64url index
	 */
	public String birth(LocalDate dateOfBirth) {
		return hash("birth", dateOfBirth.toString());
	}

	/**
	 * The index of an email address.
	 * @param email the address
	 * @return the base64url index
	 */
	public String email(String email) {
		return hash("email", email.strip().toLowerCase(Locale.ROOT));
	}

	/**
	 * The index of a phone number.
	 * @param e164 the number in E.164 form
	 * @return the base64url index
	 */
	public String phone(String e164) {
		return hash("phone", e164.strip());
	}

	static String normalised(String name) {
		String withoutMarks = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return withoutMarks.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
	}

	private String hash(String field, String value) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			// The field name keeps an email from matching a phone number with the same
			// text.
			byte[] digest = mac.doFinal((field + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot compute an HMAC-SHA256", ex);
		}
	}

}

package ca.aiguillage.notification.contacts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash of a mobile number: enough to recognise who replies to a text message,
 * useless to anyone without the key.
 */
public final class PhoneHashes {

	private final byte[] key;

	public PhoneHashes(byte[] key) {
		if (key.length < 32) {
			throw new IllegalArgumentException("The phone hash key needs at least 32 bytes");
		}
		this.key = key.clone();
	}

	/**
	 * @param e164 a number in E.164, such as {@code +15145550123}
	 * @return the HMAC-SHA256 of its digits, base64url
	 */
	public String of(String e164) {
		return hash("+" + e164.replaceAll("[^0-9]", ""));
	}

	/**
	 * @param address an email address
	 * @return the HMAC-SHA256 of it in lower case, base64url, apart from any number's
	 */
	public String ofEmail(String address) {
		return hash("mailto:" + address.strip().toLowerCase(java.util.Locale.ROOT));
	}

	private String hash(String normalised) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

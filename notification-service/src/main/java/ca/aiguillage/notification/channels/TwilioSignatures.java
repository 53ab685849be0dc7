package ca.aiguillage.notification.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Twilio-Signature} of a request the provider makes: base64 of the
 * HMAC-SHA1, keyed with the auth token, of the URL followed by each form parameter's name
 * and value in name order.
 */
public final class TwilioSignatures {

	private TwilioSignatures() {
	}

	public static String sign(String authToken, String url, Map<String, String> params) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static boolean valid(@Nullable String authToken, String url, Map<String, String> params,
			@Nullable String signature) {
		if (authToken == null || authToken.isBlank()) {
			// No account secret configured: no reply can be told from a forgery.
			return false;
		}
		return signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
				sign(authToken, url, params).getBytes(StandardCharsets.UTF_8));
	}

}

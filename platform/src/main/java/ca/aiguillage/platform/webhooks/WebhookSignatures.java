package ca.aiguillage.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature of a message:
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}, one per
 * signing secret while a rotation overlaps.
 */
public final class WebhookSignatures {

	/** The prefix of a Standard Webhooks secret. */
	public static final String SECRET_PREFIX = "whsec_";

	private WebhookSignatures() {
	}

	/**
	 * The {@code webhook-signature} header with one signature per secret, space apart, as
	 * Standard Webhooks allows while secrets are rotated.
	 * @param secrets the signing secrets, the current one first
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp}, in seconds
	 * @param body the exact body
	 * @return the header's value
	 */
	public static String signatures(List<String> secrets, String id, String timestamp, String body) {
		return secrets.stream().map(secret -> signature(secret, id, timestamp, body)).collect(Collectors.joining(" "));
	}

	/**
	 * The {@code webhook-signature} of a message with one secret.
	 * @param secret {@code whsec_<base64 key>}
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp}, in seconds
	 * @param body the exact body
	 * @return {@code v1,<base64 signature>}
	 */
	public static String signature(String secret, String id, String timestamp, String body) {
		byte[] key = Base64.getDecoder()
			.decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

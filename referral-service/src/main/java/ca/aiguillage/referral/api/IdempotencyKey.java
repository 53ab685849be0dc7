package ca.aiguillage.referral.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's {@code Idempotency-Key}: a retried submission under the same key and body
 * gets the referral registered the first time, never a second one.
 *
 * @param scope whose key it is: the partner, or the subject of a caller without one
 * @param value the key as sent
 */
record IdempotencyKey(String scope, String value) {

	static final String HEADER = "Idempotency-Key";

	private static final Pattern PRINTABLE_ASCII = Pattern.compile("^[\\x20-\\x7E]{1,100}$");

	private static final JsonMapper CANONICAL = JsonMapper.builder().build();

	/**
	 * Reads the header of a caller's request.
	 * @param header the header value
	 * @return the key, scoped to the caller's partner
	 * @throws InvalidRequestException when the key is empty, too long or not printable
	 * ASCII
	 */
	static IdempotencyKey of(String header, Caller caller) {
		if (!PRINTABLE_ASCII.matcher(header).matches()) {
			throw new InvalidRequestException(List.of(new FieldViolation(HEADER, "invalid.idempotencyKey")));
		}
		String scope = (caller.partnerId() != null) ? "partner:" + caller.partnerId() : "subject:" + caller.subject();
		return new IdempotencyKey(scope, header);
	}

	/**
	 * The deduplication key the referral id derives from.
	 * @return a key no other intake channel produces
	 */
	String deduplicationKey() {
		// Length-prefixed so that no other scope and key pair spells the same text.
		return "idempotency-key|" + this.scope.length() + "|" + this.scope + "|" + this.value;
	}

	/**
	 * The SHA-256 of the request as parsed and written back, so that spacing and key
	 * order do not matter.
	 * @return the fingerprint in hexadecimal
	 */
	static String fingerprint(InboundReferralV1 request) {
		try {
			byte[] canonical = CANONICAL.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}

package ca.aiguillage.notification.links;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks link tokens: {@code <id and expiry>.<HMAC-SHA256>}, base64url, short
 * enough for a text message. What a link answers is stored with its id, not in it.
 */
public final class ClientLinks {

	private static final int ID_BYTES = 12;

	private static final int MAC_BYTES = 16;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	private final SecureRandom random = new SecureRandom();

	public ClientLinks(byte[] key) {
		if (key.length < 32) {
			throw new IllegalArgumentException("The link key needs at least 32 bytes");
		}
		this.key = key.clone();
	}

	/**
	 * A checked link.
	 *
	 * @param linkId the link's id
	 * @param expiresAt when it stops working
	 */
	public record Link(String linkId, Instant expiresAt) {
	}

	/**
	 * A new link.
	 * @param expiresAt when it stops working
	 * @return its token
	 */
	public String issue(Instant expiresAt) {
		byte[] id = new byte[ID_BYTES];
		this.random.nextBytes(id);
		byte[] payload = ByteBuffer.allocate(ID_BYTES + Long.BYTES).put(id).putLong(expiresAt.getEpochSecond()).array();
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * Reads a token back.
	 * @param token what the link carried
	 * @return the link, or empty when the token is malformed or its signature does not
	 * hold
	 */
	public Optional<Link> read(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 2) {
			return Optional.empty();
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
			byte[] signature = Base64.getUrlDecoder().decode(parts[1]);
			// Only the one spelling issued is accepted, not one differing in unused bits.
			boolean canonical = ENCODER.encodeToString(payload).equals(parts[0])
					&& ENCODER.encodeToString(signature).equals(parts[1]);
			if (!canonical || payload.length != ID_BYTES + Long.BYTES
					|| !MessageDigest.isEqual(signature, mac(payload))) {
				return Optional.empty();
			}
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			byte[] id = new byte[ID_BYTES];
			buffer.get(id);
			return Optional.of(new Link(ENCODER.encodeToString(id), Instant.ofEpochSecond(buffer.getLong())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The id of a token's link without checking it, for tests and logs. */
	public static String idOf(String token) {
		byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
		return ENCODER.encodeToString(Arrays.copyOf(payload, ID_BYTES));
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

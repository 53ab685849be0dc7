package ca.aiguillage.notification.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import ca.aiguillage.platform.files.OwnerOnlyFiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys that hash mobile numbers and sign client links, from a file that is generated
 * owner-only on first start. Lose it and links already sent stop working; nothing else is
 * lost.
 *
 * @param phoneHashKey the HMAC key of mobile numbers
 * @param linkKey the HMAC key of client links
 */
public record NotificationKeys(byte[] phoneHashKey, byte[] linkKey) {

	/**
	 * Reads the key file, creating it when missing.
	 * @param file the key file
	 * @return the keys
	 */
	public static NotificationKeys load(Path file) {
		JsonMapper json = JsonMapper.builder().build();
		try {
			if (!Files.exists(file)) {
				SecureRandom random = new SecureRandom();
				Map<String, String> keys = Map.of("phoneHashKey", random(random), "linkKey", random(random));
				try {
					OwnerOnlyFiles.create(file, json.writeValueAsBytes(keys));
				}
				catch (FileAlreadyExistsException another) {
					// Another instance wrote them first: theirs are read below.
				}
			}
			Map<?, ?> keys = json.readValue(Files.readString(file), Map.class);
			return new NotificationKeys(Base64.getDecoder().decode((String) keys.get("phoneHashKey")),
					Base64.getDecoder().decode((String) keys.get("linkKey")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String random(SecureRandom random) {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}

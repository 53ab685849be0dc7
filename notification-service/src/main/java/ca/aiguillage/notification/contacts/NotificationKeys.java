package ca.aiguillage.notification.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

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
				Path directory = file.toAbsolutePath().getParent();
				Files.createDirectories(directory);
				Path temporary = Files.createTempFile(directory, "keys", ".tmp");
				try {
					Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException ex) {
					// Not a POSIX file system: the directory's own permissions apply.
				}
				Files.writeString(temporary, json.writeValueAsString(keys));
				Files.move(temporary, file);
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

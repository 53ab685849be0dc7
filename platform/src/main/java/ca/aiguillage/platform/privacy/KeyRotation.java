package ca.aiguillage.platform.privacy;

import java.nio.file.Path;

/**
 * Rotates the data-encryption key: a new version is written to the key file and encrypts
 * from then on, while the earlier versions still decrypt until the re-encryption job has
 * sealed everything again.
 */
public class KeyRotation {

	private final Path keyFile;

	private final PersonalDataCipher cipher;

	private PrivacyKeys keys;

	KeyRotation(Path keyFile, PrivacyKeys keys, PersonalDataCipher cipher) {
		this.keyFile = keyFile;
		this.keys = keys;
		this.cipher = cipher;
	}

	/**
	 * Creates and activates a new key version.
	 * @return its id
	 */
	public synchronized String rotate() {
		this.keys = this.keys.rotate(this.keyFile);
		this.cipher.activate(this.keys.secretKeys(), String.valueOf(this.keys.activeKeyId()));
		return String.valueOf(this.keys.activeKeyId());
	}

}

package ca.aiguillage.platform.privacy;

/**
 * What a service runs after a key rotation: everything it sealed with an earlier key
 * version, or stored before it encrypted, is sealed again with the active one. Each job
 * must be safe beside the service's own writes and when run again after a crash.
 */
@FunctionalInterface
public interface ReEncryptionJob {

	/**
	 * Seals again what is not sealed with the active key.
	 * @return how many documents were rewritten
	 */
	int run();

}

package ca.aiguillage.platform.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link EndedSignIns} keeps what logout tokens ended and which tokens it has seen,
 * each record by its key and until it expires: in the service's database, so that every
 * instance behind one address knows what a logout token sent to any of them ended
 * ({@link StoredLogoutRecords}), or in memory when the application has no database
 * ({@link MemoryLogoutRecords}).
 */
interface LogoutRecords {

	/**
	 * Remembers an instant under a key until it expires, keeping the later of two.
	 * @param key the record's key
	 * @param at the instant to remember
	 * @param expires when the record may be forgotten
	 */
	void remember(String key, Instant at, Instant expires);

	/**
	 * Records a key once.
	 * @param key the record's key
	 * @param expires when the record may be forgotten
	 * @return false when the key was already recorded
	 */
	boolean recordOnce(String key, Instant expires);

	/**
	 * The instant remembered under a key.
	 * @param key the record's key
	 * @param now the time, after which an expired record counts as forgotten
	 * @return the instant, or null when none is remembered
	 */
	@Nullable Instant recall(String key, Instant now);

}

package ca.aiguillage.platform.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A refusal that may pass: answered 503 with a problem type of its own
 * ({@code urn:ca:aiguillage:problem:<key>}) and the words of {@code problem.<key>.*}, so
 * that a caller can tell it from a service that does not answer; with {@code Retry-After}
 * when the service knows when to ask again.
 */
public class UnavailableException extends RuntimeException {

	private final String key;

	private final @Nullable Duration retryAfter;

	/**
	 * @param key the problem's key, such as {@code replay-failed}
	 * @param cause what failed
	 */
	public UnavailableException(String key, Throwable cause) {
		this(key, cause, null);
	}

	/**
	 * @param key the problem's key, such as {@code intake-busy}
	 * @param cause what failed
	 * @param retryAfter when to ask again, answered as {@code Retry-After} in whole
	 * seconds; null for none
	 */
	public UnavailableException(String key, Throwable cause, @Nullable Duration retryAfter) {
		super(key, cause);
		this.key = key;
		this.retryAfter = retryAfter;
	}

	public String key() {
		return this.key;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}

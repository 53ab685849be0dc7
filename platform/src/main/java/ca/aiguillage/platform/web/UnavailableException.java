package ca.aiguillage.platform.web;

/**
 * A refusal that may pass: answered 503 with a problem type of its own
 * ({@code urn:ca:aiguillage:problem:<key>}) and the words of {@code problem.<key>.*}, so
 * that a caller can tell it from a service that does not answer.
 */
public class UnavailableException extends RuntimeException {

	private final String key;

	/**
	 * @param key the problem's key, such as {@code replay-failed}
	 * @param cause what failed
	 */
	public UnavailableException(String key, Throwable cause) {
		super(key, cause);
		this.key = key;
	}

	public String key() {
		return this.key;
	}

}

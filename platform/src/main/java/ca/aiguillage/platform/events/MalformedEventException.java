package ca.aiguillage.platform.events;

/**
 * An event that can never be processed: not a CloudEvent, not JSON, or not what its
 * schema says. It is not retried; the binder sends it to the binding's dead-letter topic
 * with this message in the {@code x-exception-message} header. Messages name fields and
 * rules, never values.
 */
public class MalformedEventException extends RuntimeException {

	public MalformedEventException(String reason) {
		super(reason);
	}

}

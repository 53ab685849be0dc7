package ca.aiguillage.platform.events;

import java.util.List;

/**
 * An event that can never be processed: not a CloudEvent, not JSON, or not what its
 * schema says. It is not retried; the binder sends it to the binding's dead-letter topic
 * with this message in the {@code x-exception-message} header. Messages name fields and
 * rules, never values.
 */
public class MalformedEventException extends RuntimeException {

	private final List<SchemaViolation> schemaViolations;

	public MalformedEventException(String reason) {
		this(reason, List.of());
	}

	/**
	 * An event whose payload breaks its schema.
	 * @param reason the reason, naming fields and rules
	 * @param schemaViolations where and which rule
	 */
	public MalformedEventException(String reason, List<SchemaViolation> schemaViolations) {
		super(reason);
		this.schemaViolations = List.copyOf(schemaViolations);
	}

	/**
	 * Where the payload breaks its schema.
	 * @return the violations, empty when the event failed for another reason
	 */
	public List<SchemaViolation> schemaViolations() {
		return this.schemaViolations;
	}

}

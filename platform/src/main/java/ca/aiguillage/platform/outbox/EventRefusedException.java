package ca.aiguillage.platform.outbox;

import java.util.List;

import ca.aiguillage.platform.events.SchemaViolation;

/**
 * An aggregate raised an event that breaks its own JSON Schema: it is not stored, so no
 * consumer ever receives it, and the change that raised it is not written either. The
 * message names the type, fields and rules, never values.
 */
public class EventRefusedException extends IllegalStateException {

	private final List<SchemaViolation> violations;

	public EventRefusedException(String type, List<SchemaViolation> violations) {
		super(type + " breaks its schema: "
				+ String.join("; ", violations.stream().map(SchemaViolation::toString).toList()));
		this.violations = List.copyOf(violations);
	}

	public List<SchemaViolation> violations() {
		return this.violations;
	}

}

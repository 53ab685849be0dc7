package ca.aiguillage.platform.web;

import java.util.List;

/**
 * A request or inbound event that breaks field rules; nothing of it is stored or
 * published.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldViolation> violations;

	public InvalidRequestException(List<FieldViolation> violations) {
		super("Invalid fields: " + violations.stream().map(FieldViolation::field).toList());
		this.violations = List.copyOf(violations);
	}

	public List<FieldViolation> violations() {
		return this.violations;
	}

}

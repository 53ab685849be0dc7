package ca.aiguillage.platform.events;

import ca.aiguillage.platform.logging.LogText;
import org.jspecify.annotations.Nullable;

/**
 * Where an event's payload breaks its JSON Schema, and which rule: never the value.
 *
 * @param location the JSON Pointer of the place, empty at the root
 * @param keyword the schema keyword that failed, such as {@code required} or
 * {@code pattern}
 * @param property the property the keyword names, such as the missing one for
 * {@code required}, or null
 */
public record SchemaViolation(String location, String keyword, @Nullable String property) {

	/**
	 * The field in dotted form, such as {@code client.postalCode}, or {@code household}
	 * for a property missing at the root.
	 * @return the field, or an empty string for the payload as a whole
	 */
	public String field() {
		String path = this.location.replaceFirst("^/", "").replace('/', '.');
		if (this.property == null) {
			return path;
		}
		return path.isEmpty() ? this.property : path + "." + this.property;
	}

	@Override
	public String toString() {
		// Locations and property names may be the sender's own keys.
		return LogText.of(this.location) + " " + this.keyword
				+ ((this.property != null) ? " " + LogText.of(this.property) : "");
	}

}

package ca.aiguillage.contracts;

import java.net.URI;
import java.util.function.Function;

/**
 * One event type and version: its CloudEvents type, the topic it travels on, the record
 * that carries its data, the JSON Schema that data follows, and how to find its subject
 * (the message key).
 *
 * @param type the CloudEvents {@code type}, stable across Java refactorings
 * @param topic the Kafka topic
 * @param dataClass the versioned record carried as the event's data
 * @param schemaResource the classpath location of the JSON Schema of the data
 * @param subject the referral (or therapist) id the event is about
 * @param <T> the record type
 */
public record EventDefinition<T>(String type, String topic, Class<T> dataClass, String schemaResource,
		Function<T, String> subject) {

	/**
	 * The CloudEvents {@code dataschema} attribute of this type.
	 * @return a URN naming the schema of this type and version
	 */
	public URI dataSchema() {
		return URI.create("urn:ca:aiguillage:schema:" + this.type);
	}

	/**
	 * The subject of one event of this type.
	 * @param data the event data
	 * @return the id the event is about, used as the Kafka message key
	 */
	public String subjectOf(Object data) {
		return this.subject.apply(this.dataClass.cast(data));
	}

}

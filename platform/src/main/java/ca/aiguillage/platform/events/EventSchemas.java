package ca.aiguillage.platform.events;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ca.aiguillage.contracts.EventDefinition;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of the event contracts, loaded once each, checking incoming payloads.
 */
public final class EventSchemas {

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	/**
	 * Checks a payload against the schema of its type.
	 * @param definition the event type
	 * @param payload the event data
	 * @return each violation (where and which rule, never the value); empty when valid
	 */
	public List<SchemaViolation> violations(EventDefinition<?> definition, JsonNode payload) {
		return schema(definition).validate(payload)
			.stream()
			.map(error -> new SchemaViolation(error.getInstanceLocation().toString(), error.getKeyword(),
					error.getProperty()))
			.toList();
	}

	private Schema schema(EventDefinition<?> definition) {
		return this.schemas.computeIfAbsent(definition.type(), type -> {
			InputStream in = EventDefinition.class.getClassLoader().getResourceAsStream(definition.schemaResource());
			if (in == null) {
				throw new IllegalStateException("No schema at " + definition.schemaResource());
			}
			return this.registry.getSchema(in);
		});
	}

}

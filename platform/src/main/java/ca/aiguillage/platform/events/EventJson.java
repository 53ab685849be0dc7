package ca.aiguillage.platform.events;

import ca.aiguillage.platform.logging.LogText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of event data. Kept apart from the HTTP mapper so that a service's web
 * settings (such as refusing unknown fields) never change what it publishes or how
 * tolerantly it reads.
 */
public final class EventJson {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	public String write(Object data) {
		return this.mapper.writeValueAsString(data);
	}

	public JsonNode tree(byte[] json) {
		try {
			return this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			// Jackson's own message quotes the offending text, which may be personal
			// data: name the place only.
			throw new MalformedEventException(
					"payload is not JSON (" + ex.getClass().getSimpleName() + " at " + ex.getLocation() + ")");
		}
	}

	public <T> T read(JsonNode json, Class<T> type) {
		try {
			return this.mapper.treeToValue(json, type);
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("payload does not fit " + type.getSimpleName() + " at "
					+ LogText.of(ex.getPathReference()) + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

}

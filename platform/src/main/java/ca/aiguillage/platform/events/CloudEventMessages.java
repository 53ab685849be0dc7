package ca.aiguillage.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.platform.logging.LogText;
import ca.aiguillage.platform.outbox.OutboxEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * CloudEvents 1.0 in Kafka's binary content mode: the data is the message value, the
 * attributes are {@code ce_} headers, and the message key is the event's subject.
 */
public final class CloudEventMessages {

	/** The header prefix of the CloudEvents Kafka protocol binding. */
	public static final String PREFIX = "ce_";

	private static final String CANONICAL_PREFIX = "ce-";

	private static final Logger log = LoggerFactory.getLogger(CloudEventMessages.class);

	private final EventJson json;

	private final EventSchemas schemas;

	private final URI source;

	public CloudEventMessages(EventJson json, EventSchemas schemas, String serviceName) {
		this.json = json;
		this.schemas = schemas;
		this.source = URI.create("/aiguillage/" + serviceName);
	}

	public URI source() {
		return this.source;
	}

	/**
	 * The Kafka message of an event waiting in an outbox.
	 * @param event an outbox entry
	 * @return its message, ready to send to {@link OutboxEvent#topic()}
	 */
	public Message<byte[]> toMessage(OutboxEvent event) {
		EventDefinition<?> definition = EventCatalog.byType(event.type())
			.orElseThrow(() -> new IllegalStateException("Not an event of the contract: " + event.type()));
		Message<byte[]> message = CloudEventMessageBuilder.withData(event.data().getBytes(StandardCharsets.UTF_8))
			.setId(event.eventId())
			.setSource(this.source)
			.setType(event.type())
			.setSubject(event.key())
			.setTime(event.time().atOffset(ZoneOffset.UTC))
			.setDataContentType(MimeTypeUtils.APPLICATION_JSON_VALUE)
			.setDataSchema(definition.dataSchema())
			.setHeader(KafkaHeaders.KEY, event.key().getBytes(StandardCharsets.UTF_8))
			.build(PREFIX);
		// The CloudEvents Kafka binding names the data's media type in the content-type
		// header.
		return MessageBuilder.fromMessage(message)
			.setHeader("content-type", MimeTypeUtils.APPLICATION_JSON_VALUE)
			.build();
	}

	/**
	 * Reads a message as a CloudEvent of the contract.
	 * @param message a message from an input binding
	 * @param accepted the types this consumer reacts to
	 * @return the event, or empty when its type is one this consumer does not react to (a
	 * type added later is not an error)
	 * @throws MalformedEventException when the message is not a valid CloudEvent of its
	 * type
	 */
	public Optional<ReceivedEvent> read(Message<byte[]> message, List<EventDefinition<?>> accepted) {
		String specVersion = required(message, "specversion");
		if (!"1.0".equals(specVersion)) {
			throw new MalformedEventException("unsupported CloudEvents specversion " + LogText.of(specVersion));
		}
		String id = required(message, "id");
		String type = required(message, "type");
		String source = required(message, "source");
		Optional<EventDefinition<?>> definition = accepted.stream().filter(d -> d.type().equals(type)).findFirst();
		if (definition.isEmpty()) {
			if (EventCatalog.byType(type).isEmpty()) {
				log.info("Ignoring event {} of a type outside the contract: {}", LogText.of(id), LogText.of(type));
			}
			return Optional.empty();
		}
		JsonNode payload = this.json.tree(message.getPayload());
		List<SchemaViolation> violations = this.schemas.violations(definition.get(), payload);
		if (!violations.isEmpty()) {
			throw new MalformedEventException(
					type + " violates its schema: "
							+ String.join("; ", violations.stream().map(SchemaViolation::toString).toList()),
					violations);
		}
		Object data = this.json.read(payload, definition.get().dataClass());
		return Optional.of(new ReceivedEvent(id, type, source, header(message, "subject"), time(message), data));
	}

	private static @Nullable OffsetDateTime time(Message<byte[]> message) {
		String time = header(message, "time");
		if (time == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(time);
		}
		catch (DateTimeParseException ex) {
			throw new MalformedEventException("ce_time is not an RFC 3339 timestamp");
		}
	}

	private static String required(Message<byte[]> message, String attribute) {
		String value = header(message, attribute);
		if (value == null || value.isBlank()) {
			// Header names are the sender's choice too.
			throw new MalformedEventException("missing CloudEvents attribute " + PREFIX + attribute + " (headers: "
					+ LogText.of(new TreeSet<>(message.getHeaders().keySet())) + ")");
		}
		return value;
	}

	/**
	 * A CloudEvents attribute of a message, whichever prefix and encoding it came with.
	 * @param message a message from an input binding
	 * @param attribute the attribute, such as {@code source} or {@code id}
	 * @return its value, or null when the message does not carry it
	 */
	public static @Nullable String attribute(Message<byte[]> message, String attribute) {
		return header(message, attribute);
	}

	private static @Nullable String header(Message<byte[]> message, String attribute) {
		Object value = message.getHeaders().get(PREFIX + attribute);
		if (value == null) {
			// Spring Cloud Function hands CloudEvents that Spring produced to functions
			// with canonical ce- names.
			value = message.getHeaders().get(CANONICAL_PREFIX + attribute);
		}
		if (value == null) {
			return null;
		}
		// Kafka hands headers over as bytes unless the producer's header mapper typed
		// them.
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
	}

}

package ca.aiguillage.waitlist;

import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;

/** Other services' events as they put them on the wire, and this service's as it does. */
public final class Wire {

	private static final EventJson JSON = new EventJson();

	private Wire() {
	}

	/**
	 * Publishes an event of another service, as that service would.
	 * @param kafka the broker
	 * @param data the event record
	 * @return the event's id
	 */
	public static String publish(KafkaProbe kafka, Object data) {
		EventDefinition<?> definition = EventCatalog.of(data);
		String subject = definition.subjectOf(data);
		String eventId = UUID.randomUUID().toString();
		kafka.send(definition.topic(), subject, JSON.write(data),
				KafkaProbe.cloudEventHeaders(eventId, definition.type(), subject));
		return eventId;
	}

	/**
	 * This service's events of one type about one referral, each event once (the relay
	 * may publish an event twice).
	 * @param kafka the broker
	 * @param definition the type
	 * @param referralId the referral
	 * @return the records, oldest first
	 */
	public static List<WireRecord> published(KafkaProbe kafka, EventDefinition<?> definition, String referralId) {
		List<WireRecord> records = kafka.readAll(Topics.WAITLIST_EVENTS)
			.stream()
			.filter(record -> referralId.equals(record.key()) && definition.type().equals(record.header("ce_type")))
			.toList();
		return records.stream()
			.filter(record -> records.stream()
				.filter(other -> other.header("ce_id").equals(record.header("ce_id")))
				.findFirst()
				.orElseThrow() == record)
			.toList();
	}

}

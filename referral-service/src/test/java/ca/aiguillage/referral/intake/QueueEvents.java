package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.KafkaProbe;

/**
 * The other services' events about a referral, published on the real broker as they would
 * publish them.
 */
public final class QueueEvents {

	private static final EventJson JSON = new EventJson();

	private final KafkaProbe kafka;

	public QueueEvents(KafkaProbe kafka) {
		this.kafka = kafka;
	}

	/** The waitlist queued the referral. */
	public void waitlisted(String referralId) {
		Instant now = Instant.now();
		publish(EventCatalog.WAITLISTED_V1, new WaitlistedV1(referralId, now, now), UUID.randomUUID().toString());
	}

	public void publish(EventDefinition<?> definition, Object data, String eventId) {
		String subject = definition.subjectOf(data);
		this.kafka.send(definition.topic(), subject, JSON.write(data),
				KafkaProbe.cloudEventHeaders(eventId, definition.type(), subject));
	}

}

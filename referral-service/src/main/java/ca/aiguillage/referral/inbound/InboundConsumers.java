package ca.aiguillage.referral.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundEvent;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.events.MalformedEventException;
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.intake.Intake;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Referrals that partners' integration engines publish, each on its own
 * {@code referrals.inbound.<partner>} topic. The partner is the topic's, which only that
 * partner's principal may write (broker ACLs), never the {@code ce_source} its sender
 * chose. They take the same path as the HTTP API; an invalid one goes to the dead-letter
 * topic with the fields it got wrong in {@code x-exception-message}.
 */
@Configuration(proxyBeanMethods = false)
class InboundConsumers {

	@Bean
	Consumer<Message<byte[]>> inboundReferral(CloudEventMessages messages, Intake intake, AccessTrail trail,
			Aggregates aggregates, Clock clock) {
		return message -> {
			String partner = partnerOf(message);
			Optional<ReceivedEvent> received;
			try {
				received = messages.read(message, List.of(EventCatalog.INBOUND_REFERRAL_V1));
			}
			catch (MalformedEventException ex) {
				String eventId = CloudEventMessages.attribute(message, "id");
				if (eventId != null && !ex.schemaViolations().isEmpty()) {
					tell(aggregates, clock, partner, eventId, null, ex.schemaViolations()
						.stream()
						.map(violation -> new FieldViolation(violation.field().isEmpty() ? "(body)" : violation.field(),
								"schema." + violation.keyword()))
						.toList());
				}
				throw ex;
			}
			received.ifPresent(event -> {
				switch ((InboundEvent) event.data()) {
					case InboundReferralV1 referral ->
						submit(intake, trail, aggregates, clock, partner, event, referral);
				}
			});
		};
	}

	/**
	 * The partner whose topic the message came from.
	 * @throws MalformedEventException when it came from no partner's topic (it cannot be
	 * attributed, so it is dead-lettered)
	 */
	private static String partnerOf(Message<byte[]> message) {
		String topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
		return Topics.partnerOfInbound((topic != null) ? topic : "")
			.orElseThrow(() -> new MalformedEventException("an inbound referral must come from a partner's topic"));
	}

	private static void submit(Intake intake, AccessTrail trail, Aggregates aggregates, Clock clock, String partner,
			ReceivedEvent event, InboundReferralV1 referral) {
		try {
			// The topic identifies the partner's system; with the event id it makes a
			// redelivery a no-op.
			intake.submit(referral, IntakeChannel.PARTNER_EVENT, partner, partner + "|" + event.id(), null,
					(id) -> trail.recordSystem(partner, "CREATE", id, Purpose.INBOUND_INTAKE));
		}
		catch (InvalidRequestException ex) {
			tell(aggregates, clock, partner, event.id(), referral.partnerReference(), ex.violations());
			throw new MalformedEventException(
					"invalid referral: " + ex.violations().stream().map(FieldViolation::field).toList() + " "
							+ ex.violations().stream().map(FieldViolation::code).toList());
		}
	}

	/** Tells the partner, once per event, before the event is parked. */
	private static void tell(Aggregates aggregates, Clock clock, String source, String eventId,
			@Nullable String partnerReference, List<FieldViolation> violations) {
		String id = UUID.nameUUIDFromBytes(("rejected|" + source + "|" + eventId).getBytes(StandardCharsets.UTF_8))
			.toString();
		// A redelivery finds the partner told already.
		aggregates.update(InboundRejection.class, id, found -> found.isPresent() ? Outcome.unchanged(false) : Outcome
			.save(InboundRejection.of(id, source, partnerReference, eventId, violations, clock.instant()), true));
	}

}

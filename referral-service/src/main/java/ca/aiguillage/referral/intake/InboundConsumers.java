package ca.aiguillage.referral.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.events.MalformedEventException;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;

import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Referrals that partners' integration engines publish on {@code referrals.inbound}. They
 * take the same path as the HTTP API; an invalid one goes to the dead-letter topic with
 * the fields it got wrong in {@code x-exception-message}.
 */
@Configuration(proxyBeanMethods = false)
class InboundConsumers {

	@Bean
	Consumer<Message<byte[]>> inboundReferral(CloudEventMessages messages, Intake intake, AccessTrail trail,
			Aggregates aggregates, Clock clock) {
		return message -> messages.read(message, List.of(EventCatalog.INBOUND_REFERRAL_V1)).ifPresent(event -> {
			try {
				// The source identifies the partner's system; with the event id it makes
				// a redelivery a no-op.
				intake.submit((InboundReferralV1) event.data(), IntakeChannel.PARTNER_EVENT, event.source(),
						event.source() + "|" + event.id(), null,
						(id) -> trail.recordSystem(event.source(), "CREATE", id, Purpose.INBOUND_INTAKE));
			}
			catch (InvalidRequestException ex) {
				// Tell the partner first (once per event), then park the event.
				InboundReferralV1 request = (InboundReferralV1) event.data();
				String id = UUID
					.nameUUIDFromBytes(
							("rejected|" + event.source() + "|" + event.id()).getBytes(StandardCharsets.UTF_8))
					.toString();
				try {
					aggregates.save(InboundRejection.of(id, event.source(), request.partnerReference(), event.id(),
							ex.violations(), clock.instant()));
				}
				catch (DuplicateKeyException redelivered) {
					// Told already.
				}
				throw new MalformedEventException(
						"invalid referral: " + ex.violations().stream().map(FieldViolation::field).toList() + " "
								+ ex.violations().stream().map(FieldViolation::code).toList());
			}
		});
	}

}

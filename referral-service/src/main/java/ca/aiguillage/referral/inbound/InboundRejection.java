package ca.aiguillage.referral.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import ca.aiguillage.platform.web.FieldViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's inbound referral that failed validation: the partner is told which fields
 * and rules failed (never the values) by an event their systems and webhook receive. One
 * document per inbound event, so a redelivery tells them once.
 */
@Document("inbound_rejections")
class InboundRejection extends Aggregate {

	private static final String ID_PATTERN = "[A-Za-z0-9._:/-]{1,64}";

	private String partnerId;

	private String partnerReference;

	private Instant rejectedAt;

	@PersistenceCreator
	InboundRejection(String id) {
		super(id);
	}

	static InboundRejection of(String id, String partnerId, @Nullable String partnerReference, String eventId,
			List<FieldViolation> violations, Instant now) {
		InboundRejection rejection = new InboundRejection(id);
		rejection.partnerId = partnerId;
		// The partner's reference when it is usable as an id, else the event's own id.
		rejection.partnerReference = (partnerReference != null && partnerReference.matches(ID_PATTERN))
				? partnerReference : (eventId.matches(ID_PATTERN) ? eventId : id);
		rejection.rejectedAt = now;
		rejection.raise(new InboundReferralRejectedV1(partnerId, rejection.partnerReference,
				violations.stream()
					.map(violation -> new InboundReferralRejectedV1.Violation(violation.field(),
							violation.code().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_")))
					.toList(),
				now));
		return rejection;
	}

}

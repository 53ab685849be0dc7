package ca.aiguillage.notification.delivery;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log: every message about a referral, each attempt and its outcome.
 */
@RestController
@RequestMapping("/api/v1/deliveries")
class DeliveryController {

	private final Aggregates aggregates;

	DeliveryController(Aggregates aggregates) {
		this.aggregates = aggregates;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	List<DeliveryRecord> deliveries(@RequestParam(required = false) @Nullable String referralId) {
		if (referralId == null || referralId.isBlank()) {
			// Named like any other invalid field, rather than Spring's bare
			// missing-parameter problem.
			throw new InvalidRequestException(List.of(new FieldViolation("referralId", "required")));
		}
		Caller caller = Caller.current();
		// Another organization's referral reads exactly like an unknown one: nothing
		// tells it exists.
		return this.aggregates.find(NotificationCase.class, referralId)
			.filter(notificationCase -> caller.isAdmin() || caller.coordinates(notificationCase.organizationId()))
			.map(notificationCase -> notificationCase.deliveries()
				.stream()
				.map(delivery -> DeliveryRecord.of(referralId, delivery))
				.toList())
			.orElse(List.of());
	}

	private static final java.util.regex.Pattern LINK_TOKEN = java.util.regex.Pattern.compile("/r/[A-Za-z0-9_.-]+");

	/**
	 * One delivery as the API shows it: contact details appear masked only.
	 *
	 * @param eventId the event that called for it
	 * @param eventType that event's CloudEvents type
	 * @param audience CLIENT, REFERRER or COORDINATOR
	 * @param channel EMAIL, SMS, WEBHOOK, or NONE when the client is unreachable
	 * @param language the language it was rendered in
	 * @param status PENDING, SENDING, SENT, FAILED or UNREACHABLE
	 * @param recordedAt when it was recorded
	 * @param dueAt when it may go (text messages wait for the end of quiet hours)
	 * @param address where it went, masked ({@code c•••@exemple.ca},
	 * {@code +1 514 •••-••23})
	 * @param reasonCode why it failed, such as NO_REACHABLE_CHANNEL or the provider's
	 * reason, or which budget holds it back (BUDGET_REACHED_DESTINATION, _GLOBAL)
	 * @param attempts every attempt and its outcome
	 * @param subject the subject line
	 * @param body the plain-text body or the text message
	 */
	record DeliveryRecord(String deliveryId, String referralId, String eventId, String eventType, String template,
			String audience, String channel, String language, String status, Instant recordedAt, Instant dueAt,
			@Nullable String address, @Nullable String reasonCode, List<Delivery.Attempt> attempts, String subject,
			String body) {

		static DeliveryRecord of(String referralId, Delivery delivery) {
			return new DeliveryRecord(delivery.deliveryId(), referralId, delivery.eventId(), delivery.eventType(),
					delivery.template(), delivery.audience().name(), delivery.channel().name(), delivery.language(),
					delivery.status().name(), delivery.recordedAt(), delivery.dueAt(), delivery.address(),
					delivery.reasonCode(), delivery.attempts(), delivery.subject(),
					// The client's link answers for them: whoever reads the log must not.
					LINK_TOKEN.matcher(delivery.body()).replaceAll("/r/•••"));
		}

	}

}

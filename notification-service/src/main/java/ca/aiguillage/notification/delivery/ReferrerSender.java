package ca.aiguillage.notification.delivery;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.notification.channels.Guards;
import ca.aiguillage.notification.channels.WebhookChannel;
import ca.aiguillage.notification.webhooks.PartnerWebhook;
import ca.aiguillage.notification.webhooks.PartnerWebhooks;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Tells the referring partner of a status change, signed, on its registered endpoint. */
@Component
class ReferrerSender implements AudienceSender {

	private final PartnerWebhooks partnerWebhooks;

	private final WebhookChannel webhooks;

	private final Guards guards;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	ReferrerSender(PartnerWebhooks partnerWebhooks, WebhookChannel webhooks, Guards guards, Clock clock) {
		this.clock = clock;
		this.partnerWebhooks = partnerWebhooks;
		this.webhooks = webhooks;
		this.guards = guards;
	}

	/**
	 * What a partner's endpoint receives: codes and ids, never personal data.
	 *
	 * @param id the delivery id, the same on a resend
	 * @param type the CloudEvents type of the event that called for it
	 * @param status the status the partner learns, such as {@code waitlisted}
	 * @param partnerReference the partner's own reference of a referral never registered
	 * @param violations which fields of that referral broke which rule
	 * @param referralId the referral, once registered
	 * @param summary the subject line, in French
	 * @param language the summary's language
	 * @param occurredAt when the message was recorded
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record WebhookBody(String id, String type, String status, @Nullable String partnerReference,
			@Nullable List<InboundReferralRejectedV1.Violation> violations, @Nullable String referralId, String summary,
			String language, String occurredAt) {

		static WebhookBody of(NotificationCase known, Delivery delivery) {
			boolean registered = known.partnerReference() == null;
			return new WebhookBody(delivery.deliveryId(), delivery.eventType(),
					delivery.template().replaceFirst("^referrer-", ""), known.partnerReference(),
					registered ? null : known.violations(), registered ? known.getId() : null, delivery.subject(),
					delivery.language(), delivery.recordedAt().toString());
		}

	}

	@Override
	public DeliveryResult send(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts) {
		PartnerWebhook webhook = Optional.ofNullable(known.partnerId())
			.flatMap(this.partnerWebhooks::of)
			.filter(registered -> registered.url() != null && registered.secret() != null)
			.orElse(null);
		if (webhook == null) {
			// No endpoint, or only a proposal no administrator approved yet.
			return DeliveryResult.failed("NO_WEBHOOK", attempts);
		}
		URI url = webhook.url();
		String body = this.json.writeValueAsString(WebhookBody.of(known, delivery));
		this.guards.call(WebhookChannel.breakerOf(url), () -> {
			this.webhooks.post(url, webhook.signingSecrets(this.clock.instant()), delivery.deliveryId(), body);
			return true;
		}, attempts);
		return DeliveryResult.sent(url.getScheme() + "://" + url.getAuthority() + "/…", attempts);
	}

}

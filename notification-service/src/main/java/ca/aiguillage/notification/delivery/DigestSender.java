package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.RenderedMessage;
import ca.aiguillage.notification.templates.Templates;
import java.util.List;

import ca.aiguillage.notification.channels.Guards;

import org.springframework.stereotype.Component;

/** Sends an organization's coordinators the morning digest of referrals at risk. */
@Component
class DigestSender {

	private final DispatchSettings settings;

	private final Templates templates;

	private final Mailer mailer;

	DigestSender(DispatchSettings settings, Templates templates, Mailer mailer) {
		this.settings = settings;
		this.templates = templates;
		this.mailer = mailer;
	}

	DeliveryResult send(CoordinatorDigest digest, List<Guards.Attempt> attempts) {
		String address = this.settings.coordinatorsOf(digest.organizationId());
		if (address == null || address.isBlank()) {
			return DeliveryResult.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts);
		}
		RenderedMessage message = this.templates.digest(digest.referralIds());
		return DeliveryResult.sent(this.mailer.send(address, message.language(), message.subject(), message.body(),
				digest.getId(), attempts), attempts);
	}

}

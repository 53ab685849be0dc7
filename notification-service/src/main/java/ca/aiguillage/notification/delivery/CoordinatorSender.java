package ca.aiguillage.notification.delivery;

import java.util.List;

import ca.aiguillage.notification.channels.Guards;

import org.springframework.stereotype.Component;

/** Writes to the coordinators of the organization that follows the referral. */
@Component
class CoordinatorSender implements AudienceSender {

	private final DispatchSettings settings;

	private final Mailer mailer;

	CoordinatorSender(DispatchSettings settings, Mailer mailer) {
		this.settings = settings;
		this.mailer = mailer;
	}

	@Override
	public DeliveryResult send(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts) {
		String address = this.settings.coordinatorsOf(known.organizationId());
		if (address == null || address.isBlank()) {
			return DeliveryResult.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts);
		}
		return DeliveryResult.sent(this.mailer.send(address, delivery.language(), delivery.subject(), delivery.body(),
				delivery.deliveryId(), attempts), attempts);
	}

}

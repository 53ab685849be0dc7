package ca.aiguillage.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Everything notification-service knows about one referral (its id is the referral id):
 * how to write to the client, the messages waiting to learn that, and the deliveries
 * recorded so far.
 */
@Document("notification_cases")
class NotificationCase extends Aggregate {

	private @Nullable RecipientProfile recipient;

	private List<MessageRequest> awaitingRecipient = new ArrayList<>();

	private List<Delivery> deliveries = new ArrayList<>();

	private @Nullable String organizationId;

	@PersistenceCreator
	NotificationCase(String id) {
		super(id);
	}

	/**
	 * Learns which member organization follows the referral, whose coordinators may read
	 * its delivery log.
	 */
	void followedBy(@Nullable String organizationId) {
		if (organizationId != null) {
			this.organizationId = organizationId;
		}
	}

	@Nullable String organizationId() {
		return this.organizationId;
	}

	/**
	 * Learns how to write to the client from their referral. The referral's own messages
	 * are recorded first, then those that arrived before it, in their order of arrival.
	 */
	void recipientKnown(RecipientProfile recipient, List<MessageRequest> requests, Templates templates, Instant now) {
		this.recipient = recipient;
		List<MessageRequest> waiting = List.copyOf(this.awaitingRecipient);
		this.awaitingRecipient.clear();
		requests.forEach(request -> record(recipient, request, templates, now));
		waiting.forEach(request -> record(recipient, request, templates, now));
	}

	/**
	 * Records the messages an event calls for, or keeps them until the recipient is
	 * known.
	 */
	void request(List<MessageRequest> requests, Templates templates, Instant now) {
		RecipientProfile known = this.recipient;
		if (known == null) {
			// Topics are ordered per referral, not across services: a proposal can
			// overtake its referral.
			this.awaitingRecipient.addAll(requests);
			return;
		}
		requests.forEach(request -> record(known, request, templates, now));
	}

	private void record(RecipientProfile recipient, MessageRequest request, Templates templates, Instant now) {
		RenderedMessage message = templates.render(request.template(), recipient.language(), request.facts());
		if (recipient.channels().isEmpty()) {
			// Keep the message anyway: it tells a coordinator what the client must hear
			// some other way.
			this.deliveries.add(Delivery.of(request, Channel.NONE, DeliveryStatus.UNREACHABLE, message, now));
			return;
		}
		for (ContactChannel channel : recipient.channels()) {
			this.deliveries.add(Delivery.of(request, Channel.of(channel), DeliveryStatus.RECORDED, message, now));
		}
	}

	@Nullable RecipientProfile recipient() {
		return this.recipient;
	}

	List<MessageRequest> awaitingRecipient() {
		return List.copyOf(this.awaitingRecipient);
	}

	List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

}

package ca.aiguillage.notification.delivery;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NotificationCaseTests {

	private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");

	private final Templates templates = ShippedTemplates.load();

	@Test
	void proposalIsRecordedOncePerConsentedChannel() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS));

		notificationCase.request(requests("proposal-1", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.deliveries())
			.extracting(Delivery::eventId, Delivery::template, Delivery::channel, Delivery::status)
			.containsExactly(tuple("submitted-1", "referral-received", Channel.EMAIL, DeliveryStatus.RECORDED),
					tuple("submitted-1", "referral-received", Channel.SMS, DeliveryStatus.RECORDED),
					tuple("proposal-1", "proposal-made", Channel.EMAIL, DeliveryStatus.RECORDED),
					tuple("proposal-1", "proposal-made", Channel.SMS, DeliveryStatus.RECORDED));
		assertThat(notificationCase.deliveries()).allSatisfy(delivery -> {
			assertThat(delivery.audience()).isEqualTo(Audience.CLIENT);
			assertThat(delivery.language()).isEqualTo("fr");
			assertThat(delivery.recordedAt()).isEqualTo(NOW);
		});
	}

	@Test
	void proposalArrivingBeforeItsReferralWaitsForTheRecipientThenFollowsTheAcknowledgement() {
		NotificationCase notificationCase = new NotificationCase(SampleEvents.REFERRAL);

		notificationCase.request(requests("proposal-1", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.deliveries()).isEmpty();
		assertThat(notificationCase.awaitingRecipient()).extracting(MessageRequest::template)
			.containsExactly("proposal-made");

		ReferralSubmittedV1 submitted = SampleEvents.submitted("en", ContactChannel.EMAIL);
		notificationCase.recipientKnown(RecipientProfile.of(submitted), requests("submitted-1", submitted),
				this.templates, NOW);

		assertThat(notificationCase.awaitingRecipient()).isEmpty();
		assertThat(notificationCase.deliveries()).extracting(Delivery::template, Delivery::language, Delivery::subject)
			.containsExactly(tuple("referral-received", "en", "We have received your request"),
					tuple("proposal-made", "en", "A place is offered to you"));
	}

	@Test
	void clientWithoutConsentedChannelGetsOneUnreachableDelivery() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr"));

		assertThat(notificationCase.deliveries()).singleElement().satisfies(delivery -> {
			assertThat(delivery.channel()).isEqualTo(Channel.NONE);
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.UNREACHABLE);
			assertThat(delivery.subject()).isEqualTo("Nous avons bien reçu votre demande");
		});
	}

	@Test
	void clientWhoseLanguageHasNoTemplatesIsWrittenToInFrench() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("es", ContactChannel.SMS));

		assertThat(notificationCase.recipient()).isEqualTo(new RecipientProfile("es", List.of(ContactChannel.SMS)));
		assertThat(notificationCase.deliveries()).singleElement()
			.extracting(Delivery::language, Delivery::subject)
			.containsExactly("fr", "Nous avons bien reçu votre demande");
	}

	@Test
	void channelConsentedTwiceGetsOneDelivery() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.EMAIL));

		assertThat(notificationCase.deliveries()).extracting(Delivery::channel).containsExactly(Channel.EMAIL);
	}

	@Test
	void deliveryIdIsStableForAnEventAndChannelAndDistinctAcrossChannels() {
		ReferralSubmittedV1 event = SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS);

		List<String> first = submitted(event).deliveries().stream().map(Delivery::deliveryId).toList();
		List<String> again = submitted(event).deliveries().stream().map(Delivery::deliveryId).toList();

		assertThat(first).doesNotHaveDuplicates().hasSize(2).isEqualTo(again);
	}

	private NotificationCase submitted(ReferralSubmittedV1 submitted) {
		NotificationCase notificationCase = new NotificationCase(submitted.referralId());
		notificationCase.recipientKnown(RecipientProfile.of(submitted), requests("submitted-1", submitted),
				this.templates, NOW);
		return notificationCase;
	}

	private List<MessageRequest> requests(String eventId, Object event) {
		return this.templates.requestsFor(eventId, event);
	}

}

package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.referral.ReferralEvent;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The lifecycle events someone must hear about, one binding per topic. Each binding names
 * the types it reacts to; other types on its topic pass by. The topic's sealed family
 * types the event, so the notifier handles every type of it.
 */
@Configuration(proxyBeanMethods = false)
class ReferralLifecycleConsumers {

	private static final List<EventDefinition<?>> REFERRAL = List.of(EventCatalog.REFERRAL_SUBMITTED_V1,
			EventCatalog.REFERRAL_REDIRECTED_V1, EventCatalog.REFERRAL_WITHDRAWN_V1,
			EventCatalog.REFERRAL_LINKED_TO_OPEN_V1, EventCatalog.INBOUND_REFERRAL_REJECTED_V1);

	private static final List<EventDefinition<?>> MATCHING = List.of(EventCatalog.PROPOSAL_MADE_V1);

	private static final List<EventDefinition<?>> WAITLIST = List.of(EventCatalog.WAITLISTED_V1,
			EventCatalog.PROPOSAL_CONFIRMED_V1, EventCatalog.PROPOSAL_DECLINED_V1, EventCatalog.PROPOSAL_EXPIRED_V1,
			EventCatalog.CHECK_IN_DUE_V1, EventCatalog.REVIEW_REQUESTED_V1, EventCatalog.THERAPY_STARTED_V1,
			EventCatalog.THERAPY_ENDED_V1, EventCatalog.REFERRAL_LEFT_QUEUE_V1, EventCatalog.REFERRAL_LEFT_QUEUE_V2);

	@Bean
	Consumer<Message<byte[]>> referralEvents(CloudEventMessages messages, Notifier notifier) {
		return message -> messages.read(message, REFERRAL)
			.ifPresent(event -> notifier.on(event.id(), (ReferralEvent) event.data()));
	}

	@Bean
	Consumer<Message<byte[]>> matchingEvents(CloudEventMessages messages, Notifier notifier) {
		return message -> messages.read(message, MATCHING)
			.ifPresent(event -> notifier.on(event.id(), (MatchingEvent) event.data()));
	}

	@Bean
	Consumer<Message<byte[]>> waitlistEvents(CloudEventMessages messages, Notifier notifier) {
		return message -> messages.read(message, WAITLIST)
			.ifPresent(event -> notifier.on(event.id(), (WaitlistEvent) event.data()));
	}

}

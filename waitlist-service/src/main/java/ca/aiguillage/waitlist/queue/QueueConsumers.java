package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events that open and move queue entries: intake's, matching's and notification's.
 */
@Configuration(proxyBeanMethods = false)
class QueueConsumers {

	static final List<EventDefinition<?>> REFERRAL_EVENTS = List.of(EventCatalog.REFERRAL_SUBMITTED_V1,
			EventCatalog.REFERRAL_REDIRECTED_V1, EventCatalog.REFERRAL_WITHDRAWN_V1,
			EventCatalog.REFERRAL_LINKED_TO_OPEN_V1, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1,
			EventCatalog.POSSIBLE_DUPLICATE_RESOLVED_V1);

	static final List<EventDefinition<?>> MATCHING_EVENTS = List.of(EventCatalog.PROPOSAL_MADE_V1,
			EventCatalog.NO_MATCH_FOUND_V1, EventCatalog.PLACE_RELEASED_V1, EventCatalog.OVERRIDE_REFUSED_V1);

	static final List<EventDefinition<?>> NOTIFICATION_EVENTS = List.of(EventCatalog.CLIENT_ANSWERED_V1,
			EventCatalog.DELIVERY_RECORDED_V1);

	@Bean
	Consumer<Message<byte[]>> referralEvent(CloudEventMessages messages, Queue queue) {
		return message -> messages.read(message, REFERRAL_EVENTS).ifPresent(queue::apply);
	}

	@Bean
	Consumer<Message<byte[]>> matchingEvent(CloudEventMessages messages, Queue queue) {
		return message -> messages.read(message, MATCHING_EVENTS).ifPresent(queue::apply);
	}

	@Bean
	Consumer<Message<byte[]>> notificationEvent(CloudEventMessages messages, Queue queue) {
		return message -> messages.read(message, NOTIFICATION_EVENTS).ifPresent(queue::apply);
	}

}

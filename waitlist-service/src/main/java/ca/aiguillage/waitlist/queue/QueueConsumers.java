package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The events that open and move queue entries: intake's and matching's. */
@Configuration(proxyBeanMethods = false)
class QueueConsumers {

	@Bean
	Consumer<Message<byte[]>> referralEvent(CloudEventMessages messages, Queue queue) {
		return message -> messages.read(message, List.of(EventCatalog.REFERRAL_SUBMITTED_V1)).ifPresent(queue::apply);
	}

	@Bean
	Consumer<Message<byte[]>> matchingEvent(CloudEventMessages messages, Queue queue) {
		return message -> messages.read(message, List.of(EventCatalog.PROPOSAL_MADE_V1, EventCatalog.NO_MATCH_FOUND_V1))
			.ifPresent(queue::apply);
	}

}

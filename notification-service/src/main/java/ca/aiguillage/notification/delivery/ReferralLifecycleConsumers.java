package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The lifecycle events a client must hear about, one binding per topic. Each binding
 * names the types it reacts to; other types on its topic pass by.
 */
@Configuration(proxyBeanMethods = false)
class ReferralLifecycleConsumers {

	@Bean
	Consumer<Message<byte[]>> referralEvents(CloudEventMessages messages, Notifier notifier) {
		return message -> messages.read(message, List.of(EventCatalog.REFERRAL_SUBMITTED_V1)).ifPresent(notifier::on);
	}

	@Bean
	Consumer<Message<byte[]>> matchingEvents(CloudEventMessages messages, Notifier notifier) {
		return message -> messages.read(message, List.of(EventCatalog.PROPOSAL_MADE_V1)).ifPresent(notifier::on);
	}

	@Bean
	Consumer<Message<byte[]>> waitlistEvents(CloudEventMessages messages, Notifier notifier) {
		return message -> messages.read(message, List.of(EventCatalog.WAITLISTED_V1)).ifPresent(notifier::on);
	}

}

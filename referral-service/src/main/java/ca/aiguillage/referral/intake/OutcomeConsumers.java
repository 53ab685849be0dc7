package ca.aiguillage.referral.intake;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** What matching and the waitlist did with a referral, for the referrer's closed loop. */
@Configuration(proxyBeanMethods = false)
class OutcomeConsumers {

	@Bean
	Consumer<Message<byte[]>> matchingOutcome(CloudEventMessages messages, ClosedLoop closedLoop) {
		return (message) -> messages.read(message, List.of(EventCatalog.PROPOSAL_MADE_V1)).ifPresent(closedLoop::apply);
	}

	@Bean
	Consumer<Message<byte[]>> waitlistOutcome(CloudEventMessages messages, ClosedLoop closedLoop) {
		return (message) -> messages.read(message, ClosedLoop.WAITLIST_EVENTS).ifPresent(closedLoop::apply);
	}

}

package ca.aiguillage.referral.closedloop;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** What matching and the waitlist did with a referral, for the referrer's closed loop. */
@Configuration(proxyBeanMethods = false)
class OutcomeConsumers {

	private static final List<EventDefinition<?>> MATCHING = ClosedLoop.eventsOf(Topics.MATCHING_EVENTS);

	private static final List<EventDefinition<?>> WAITLIST = ClosedLoop.eventsOf(Topics.WAITLIST_EVENTS);

	@Bean
	Consumer<Message<byte[]>> matchingOutcome(CloudEventMessages messages, ClosedLoop closedLoop) {
		return (message) -> messages.read(message, MATCHING).ifPresent(closedLoop::apply);
	}

	@Bean
	Consumer<Message<byte[]>> waitlistOutcome(CloudEventMessages messages, ClosedLoop closedLoop) {
		return (message) -> messages.read(message, WAITLIST).ifPresent(closedLoop::applyWaitlist);
	}

}

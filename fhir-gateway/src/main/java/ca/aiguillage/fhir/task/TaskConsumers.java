package ca.aiguillage.fhir.task;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The topics whose events move a referral's Task, as they move its timeline. */
@Configuration(proxyBeanMethods = false)
class TaskConsumers {

	private static final List<EventDefinition<?>> REFERRAL = TaskProjection.eventsOf(Topics.REFERRAL_EVENTS);

	private static final List<EventDefinition<?>> MATCHING = TaskProjection.eventsOf(Topics.MATCHING_EVENTS);

	private static final List<EventDefinition<?>> WAITLIST = TaskProjection.eventsOf(Topics.WAITLIST_EVENTS);

	@Bean
	Consumer<Message<byte[]>> referralTask(CloudEventMessages messages, TaskProjection projection) {
		return (message) -> messages.read(message, REFERRAL).ifPresent(projection::applyReferral);
	}

	@Bean
	Consumer<Message<byte[]>> matchingTask(CloudEventMessages messages, TaskProjection projection) {
		return (message) -> messages.read(message, MATCHING).ifPresent(projection::applyMatching);
	}

	@Bean
	Consumer<Message<byte[]>> waitlistTask(CloudEventMessages messages, TaskProjection projection) {
		return (message) -> messages.read(message, WAITLIST).ifPresent(projection::applyWaitlist);
	}

}

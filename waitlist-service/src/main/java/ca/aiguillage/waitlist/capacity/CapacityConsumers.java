package ca.aiguillage.waitlist.capacity;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Matching's directory changes, which move the places a forecast rests on. */
@Configuration(proxyBeanMethods = false)
class CapacityConsumers {

	@Bean
	Consumer<Message<byte[]>> therapistEvent(CloudEventMessages messages, Capacity capacity) {
		return message -> messages.read(message, List.of(EventCatalog.THERAPIST_CHANGED_V1)).ifPresent(capacity::apply);
	}

}

package ca.aiguillage.fhir.directory;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Matching's directory changes, which move each organization's free places. */
@Configuration(proxyBeanMethods = false)
class DirectoryConsumers {

	private static final List<EventDefinition<?>> CHANGES = List.of(EventCatalog.THERAPIST_CHANGED_V1);

	@Bean
	Consumer<Message<byte[]>> directoryCapacity(CloudEventMessages messages, Capacities capacities) {
		return (message) -> messages.read(message, CHANGES)
			.ifPresent(event -> capacities.record((TherapistChangedV1) event.data()));
	}

}

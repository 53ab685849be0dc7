package ca.aiguillage.referral.directory;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Matching's directory changes, for the organizations intake may send referrals to. */
@Configuration(proxyBeanMethods = false)
class DirectoryConsumers {

	@Bean
	Consumer<Message<byte[]>> directoryChange(CloudEventMessages messages, KnownOrganizations organizations) {
		return (message) -> messages.read(message, List.of(EventCatalog.THERAPIST_CHANGED_V1)).ifPresent((event) -> {
			TherapistChangedV1 changed = (TherapistChangedV1) event.data();
			organizations.learn(changed.organizationId(), changed.changedAt());
		});
	}

}

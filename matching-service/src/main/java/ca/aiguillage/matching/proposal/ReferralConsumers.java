package ca.aiguillage.matching.proposal;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Referral events on {@code referral.events}: each submitted referral is matched once. A
 * malformed event goes to the binding's dead-letter topic; other types are not ours to
 * handle.
 */
@Configuration(proxyBeanMethods = false)
class ReferralConsumers {

	@Bean
	Consumer<Message<byte[]>> referralEvent(CloudEventMessages messages, Matcher matcher) {
		return message -> messages.read(message, List.of(EventCatalog.REFERRAL_SUBMITTED_V1))
			.ifPresent(event -> matcher.match(event.id(), (ReferralSubmittedV1) event.data()));
	}

}

package ca.aiguillage.platform.deadletters;

import org.springframework.messaging.Message;

/**
 * Hands a dead letter back to the consumer that gave up on it, in this service's own
 * process. Not through the original topic: that topic belongs to the service that
 * publishes it (a consumer's broker login may not write it), and every other consumer
 * group would read the event again.
 */
@FunctionalInterface
public interface Redelivery {

	/**
	 * Handles the event again, as its consumer would from the topic.
	 * @param deadLetterTopic the dead-letter topic ({@code error.<topic>.<group>}) that
	 * names the binding
	 * @param event the event as it was, without the binder's failure headers
	 * @throws RuntimeException when it fails again: the dead letter stays waiting
	 */
	void redeliver(String deadLetterTopic, Message<byte[]> event);

}

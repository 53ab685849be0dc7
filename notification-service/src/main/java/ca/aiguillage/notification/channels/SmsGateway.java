package ca.aiguillage.notification.channels;

import java.time.Instant;
import java.util.Optional;

/** Sends a text message through an SMS provider. */
public interface SmsGateway {

	/** The name of its circuit breaker. */
	String NAME = "sms";

	/**
	 * Hands one text message to the provider.
	 * @param to the mobile number in E.164
	 * @param text the text, at most two segments
	 * @param idempotencyKey the same for every attempt at one message, so that the
	 * provider takes it once however often an unanswered attempt is repeated
	 * @return the provider's id of the message
	 * @throws ChannelFailure permanent on the provider's 4xx, with its reason
	 */
	String send(String to, String text, String idempotencyKey);

	/**
	 * Looks for a message the provider already took: asked before sending again after an
	 * attempt whose outcome is unknown (no answer, or a 5xx once the request was sent).
	 * @param to the mobile number in E.164
	 * @param text the exact text
	 * @param since the earliest the provider may have taken it
	 * @return the provider's id of that message, or empty when it has none
	 * @throws ChannelFailure transient when the provider cannot say: nothing is sent
	 * blindly
	 */
	Optional<String> find(String to, String text, Instant since);

}

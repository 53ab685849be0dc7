package ca.aiguillage.notification.channels;

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

}

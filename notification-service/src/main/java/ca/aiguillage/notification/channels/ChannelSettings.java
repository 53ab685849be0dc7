package ca.aiguillage.notification.channels;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages leave: retries, circuit breakers, the SMS provider and the sender
 * addresses.
 *
 * @param retry the retry every send gets
 * @param circuitBreaker the circuit breaker of each provider and each webhook endpoint
 * @param mailFrom the sender of emails
 * @param sms the SMS provider (Twilio's Messages API, or the local stub that speaks it)
 * @param webhookTimeout how long a partner's endpoint may take to answer
 * @param lanes how many messages may wait for one channel or one webhook endpoint
 * @param emailDataReplyTimeout how long the SMTP server may take to answer the end of a
 * message's data (RFC 5321 §4.5.3.2.6: 10 minutes), within the sender's lease; every
 * other reply waits {@code mail.smtp.timeout}
 */
@ConfigurationProperties("notification.channels")
public record ChannelSettings(@DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker,
		@DefaultValue("Aiguillage <notifications@aiguillage.local>") String mailFrom, @DefaultValue Sms sms,
		@DefaultValue("PT5S") Duration webhookTimeout, @DefaultValue("100") int lanes,
		@DefaultValue("PT10M") Duration emailDataReplyTimeout) {

	/**
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff the wait after the first failure, doubled after each next
	 * @param multiplier how much each wait grows
	 */
	public record Retry(@DefaultValue("4") int maxAttempts, @DefaultValue("PT2S") Duration initialBackoff,
			@DefaultValue("2") double multiplier) {
	}

	/**
	 * @param failureRateThreshold percentage of failed calls that opens the breaker
	 * @param slidingWindowSize calls looked at
	 * @param waitInOpenState how long it stays open before letting a call through
	 */
	public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
			@DefaultValue("10") int slidingWindowSize, @DefaultValue("PT30S") Duration waitInOpenState) {
	}

	/**
	 * @param baseUrl the provider's API base, {@code https://api.twilio.com} or the stub
	 * @param authToken the account's secret, which also signs inbound replies; no
	 * default: without it no text message is sent and no reply is taken
	 * @param from the sending number, in E.164
	 * @param timeout how long the provider may take to answer
	 * @param replyUrl the public address the provider posts replies to, as it signs it;
	 * null to take the request's own
	 */
	public record Sms(@DefaultValue("http://localhost:8089") URI baseUrl, @DefaultValue("AC-local") String accountSid,
			@Nullable String authToken, @DefaultValue("+15145550000") String from,
			@DefaultValue("PT10S") Duration timeout, @Nullable String replyUrl) {
	}

}

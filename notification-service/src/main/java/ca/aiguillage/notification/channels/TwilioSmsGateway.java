package ca.aiguillage.notification.channels;

import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, HTTP Basic with the account SID and auth token). Any provider or stub
 * that speaks it works. A read timeout leaves the outcome unknown, so every request
 * carries the message's idempotency key and a repeat cannot send it twice.
 */
public final class TwilioSmsGateway implements SmsGateway {

	/** The header that makes a repeated request take the message once. */
	static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

	private final RestClient http;

	private final ChannelSettings.Sms settings;

	public TwilioSmsGateway(RestClient.Builder http, ChannelSettings.Sms settings) {
		SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
		timeouts.setConnectTimeout(settings.timeout());
		timeouts.setReadTimeout(settings.timeout());
		this.http = http.clone().baseUrl(settings.baseUrl().toString()).requestFactory(timeouts).build();
		this.settings = settings;
	}

	@Override
	public String send(String to, String text, String idempotencyKey) {
		String authToken = this.settings.authToken();
		if (authToken == null || authToken.isBlank()) {
			// No provider account configured: nothing to retry until an operator sets
			// one.
			throw new ChannelFailure(true, "SMS_NOT_CONFIGURED");
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("To", to);
		form.add("From", this.settings.from());
		form.add("Body", text);
		try {
			Map<?, ?> answer = this.http.post()
				.uri("/2010-04-01/Accounts/{sid}/Messages.json", this.settings.accountSid())
				.headers(headers -> {
					headers.setBasicAuth(this.settings.accountSid(), authToken);
					headers.set(IDEMPOTENCY_HEADER, idempotencyKey);
				})
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(Map.class);
			return (answer != null && answer.get("sid") instanceof String sid) ? sid : "";
		}
		catch (RestClientResponseException ex) {
			throw failure(ex.getStatusCode(), ex.getResponseBodyAs(Map.class), ex);
		}
		catch (ResourceAccessException ex) {
			throw new ChannelFailure(false, "SMS_PROVIDER_UNREACHABLE", ex);
		}
		catch (RestClientException ex) {
			// No answer read (a timeout while reading it): the provider may have taken
			// it.
			throw new ChannelFailure(false, "SMS_PROVIDER_NO_ANSWER", ex);
		}
	}

	private static ChannelFailure failure(HttpStatusCode status, Map<?, ?> body, Exception ex) {
		String code = (body != null && body.get("code") != null) ? String.valueOf(body.get("code")) : "";
		String message = (body != null && body.get("message") instanceof String text) ? text : "";
		// The provider's own reason, without the number it may quote.
		String reason = ("SMS_" + status.value() + " " + code + " " + message.replaceAll("\\+?[0-9]{7,}", "•••"))
			.trim();
		return new ChannelFailure(status.is4xxClientError() && status.value() != 429, reason, ex);
	}

}

package ca.aiguillage.notification.channels;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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
 * that speaks it works. A read timeout or a 5xx leaves the outcome unknown, so every
 * request carries the message's idempotency key, and before a repeat the sender lists the
 * messages to the number ({@code GET …/Messages.json?To=&From=}, newest first) and sends
 * again only when none has the same text since the first attempt: Twilio does not
 * document the idempotency header for messages.
 */
public final class TwilioSmsGateway implements SmsGateway {

	/** The header that makes a repeated request take the message once. */
	static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

	/** The provider's newest messages to a number that a lookup reads. */
	private static final int LOOKUP_PAGE = 50;

	/** Statuses of a message the provider took but will never deliver. */
	private static final Set<Object> GONE = Set.of("failed", "canceled");

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

	@Override
	public Optional<String> find(String to, String text, Instant since) {
		String authToken = this.settings.authToken();
		if (authToken == null || authToken.isBlank()) {
			return Optional.empty();
		}
		Map<?, ?> page;
		try {
			page = this.http.get()
				.uri("/2010-04-01/Accounts/{sid}/Messages.json?To={to}&From={from}&PageSize={size}",
						this.settings.accountSid(), to, this.settings.from(), LOOKUP_PAGE)
				.headers(headers -> headers.setBasicAuth(this.settings.accountSid(), authToken))
				.retrieve()
				.body(Map.class);
		}
		catch (RestClientResponseException ex) {
			// Whatever the provider says, it did not say the message is not there.
			throw new ChannelFailure(false, "SMS_LOOKUP_" + ex.getStatusCode().value(), ex);
		}
		catch (RestClientException ex) {
			throw new ChannelFailure(false, "SMS_LOOKUP_NO_ANSWER", ex);
		}
		if (page == null || !(page.get("messages") instanceof List<?> messages)) {
			throw new ChannelFailure(false, "SMS_LOOKUP_UNREADABLE");
		}
		return messages.stream()
			.filter(Map.class::isInstance)
			.map(Map.class::cast)
			.filter(message -> text.equals(message.get("body")) && !GONE.contains(message.get("status"))
					&& createdSince(message.get("date_created"), since))
			.map(message -> String.valueOf(message.get("sid")))
			.findFirst();
	}

	private static boolean createdSince(@Nullable Object created, Instant since) {
		if (!(created instanceof String date)) {
			// A message without its date is taken as recent: better one message too few
			// than one twice.
			return true;
		}
		try {
			return !OffsetDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(since);
		}
		catch (DateTimeParseException ex) {
			return true;
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

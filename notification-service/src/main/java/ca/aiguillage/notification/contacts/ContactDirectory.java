package ca.aiguillage.notification.contacts;

import java.util.List;
import java.util.Optional;

import ca.aiguillage.notification.channels.ChannelFailure;
import ca.aiguillage.notification.channels.Guards;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks referral-service how to reach a client, at send time, with notification-service's
 * own token, through a retry and a circuit breaker.
 */
public final class ContactDirectory {

	/** The name of referral-service's circuit breaker. */
	public static final String NAME = "referral-service";

	private final RestClient http;

	private final ServiceTokens tokens;

	private final Guards guards;

	ContactDirectory(RestClient http, ServiceTokens tokens, Guards guards) {
		this.http = http;
		this.tokens = tokens;
		this.guards = guards;
	}

	/**
	 * The client's contact details.
	 * @param referralId the referral
	 * @param attempts receives every attempt
	 * @return the contact, or empty when referral-service knows no such referral
	 * @throws ChannelFailure when referral-service cannot answer after the last attempt
	 */
	public Optional<Contact> find(String referralId, List<Guards.Attempt> attempts) {
		return this.guards.call(NAME, () -> fetch(referralId), attempts);
	}

	private Optional<Contact> fetch(String referralId) {
		try {
			return Optional.ofNullable(this.http.get()
				.uri("/api/v1/referrals/{id}/contact", referralId)
				.headers(headers -> headers.setBearerAuth(this.tokens.current()))
				.retrieve()
				.body(Contact.class));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
				// An expired or rotated token: the next attempt fetches a new one.
				this.tokens.forget();
			}
			boolean permanent = ex.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN);
			throw new ChannelFailure(permanent, "CONTACT_" + ex.getStatusCode().value(), ex);
		}
		catch (ResourceAccessException ex) {
			throw new ChannelFailure(false, "CONTACT_UNREACHABLE", ex);
		}
	}

}

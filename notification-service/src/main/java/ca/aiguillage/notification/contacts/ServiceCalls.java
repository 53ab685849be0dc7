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
 * Reads from another Aiguillage service with notification-service's own token, through
 * that service's retry and circuit breaker.
 */
final class ServiceCalls {

	private final String name;

	private final String reasonPrefix;

	private final RestClient http;

	private final ServiceTokens tokens;

	private final Guards guards;

	/**
	 * @param name the circuit breaker's name, the called service's
	 * @param reasonPrefix what failure reasons start with, such as {@code CONTACT_}
	 */
	ServiceCalls(String name, String reasonPrefix, RestClient http, ServiceTokens tokens, Guards guards) {
		this.name = name;
		this.reasonPrefix = reasonPrefix;
		this.http = http;
		this.tokens = tokens;
		this.guards = guards;
	}

	/**
	 * @return the answer, or empty on a 404
	 * @throws ChannelFailure when the service cannot answer after the last attempt
	 */
	<T> Optional<T> get(Class<T> type, List<Guards.Attempt> attempts, String uri, Object... variables) {
		return this.guards.call(this.name, () -> fetch(type, uri, variables), attempts);
	}

	private <T> Optional<T> fetch(Class<T> type, String uri, Object... variables) {
		try {
			return Optional.ofNullable(this.http.get()
				.uri(uri, variables)
				.headers(headers -> headers.setBearerAuth(this.tokens.current()))
				.retrieve()
				.body(type));
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
			throw new ChannelFailure(permanent, this.reasonPrefix + ex.getStatusCode().value(), ex);
		}
		catch (ResourceAccessException ex) {
			throw new ChannelFailure(false, this.reasonPrefix + "UNREACHABLE", ex);
		}
	}

}

package ca.aiguillage.waitlist.console;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The client's name and consented contacts, which only referral-service keeps: asked at
 * view time, for the referral page only, with the coordinator's token and the purpose
 * referral-service records in its access trail. Never stored, listed or logged here.
 */
@Component
class ClientIdentity {

	private static final Logger log = LoggerFactory.getLogger(ClientIdentity.class);

	/** Why the coordinator reads it, as referral-service's access trail records it. */
	static final String PURPOSE = "CONTACT_CLIENT";

	private final RestClient http;

	ClientIdentity(RestClient.Builder http, Neighbours neighbours) {
		SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
		timeouts.setConnectTimeout(neighbours.timeout());
		timeouts.setReadTimeout(neighbours.timeout());
		this.http = http.clone().baseUrl(neighbours.referralUrl().toString()).requestFactory(timeouts).build();
	}

	/**
	 * The client of a referral, to reach them.
	 * @param token the coordinator's access token
	 * @return who the client is, or empty when referral-service did not answer or refused
	 */
	Optional<Identity> of(String token, String referralId) {
		try {
			return Optional.ofNullable(this.http.get()
				.uri("/api/v1/referrals/{id}/identity?purpose={purpose}", referralId, PURPOSE)
				.headers(headers -> headers.setBearerAuth(token))
				.retrieve()
				.body(Identity.class));
		}
		catch (RestClientException ex) {
			// Only the kind of failure: the answer may hold personal data.
			log.warn("referral-service gave no identity: {}", ex.getClass().getSimpleName());
			return Optional.empty();
		}
	}

	/**
	 * A client as referral-service tells the coordinator.
	 *
	 * @param firstName their first name
	 * @param lastName their last name
	 * @param preferredLanguage the language they prefer
	 * @param preferredContact how they prefer to be reached
	 * @param channels the channels they consented to
	 */
	public record Identity(@Nullable String firstName, @Nullable String lastName, @Nullable String preferredLanguage,
			@Nullable String preferredContact, @Nullable List<Channel> channels) {

		public String name() {
			return ((this.firstName != null) ? this.firstName : "") + " "
					+ ((this.lastName != null) ? this.lastName : "");
		}

		public List<Channel> consented() {
			return (this.channels != null) ? this.channels : List.of();
		}

	}

	/**
	 * One way to reach the client.
	 *
	 * @param kind the channel, such as {@code SMS}
	 * @param value the address or number
	 */
	public record Channel(String kind, String value) {
	}

}

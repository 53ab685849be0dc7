package ca.aiguillage.waitlist.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
		this.http = neighbours.client(http, neighbours.referralUrl());
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
	 * @param channels the channels they consented to, each with its value
	 */
	public record Identity(@Nullable String firstName, @Nullable String lastName, @Nullable String preferredLanguage,
			@Nullable String preferredContact, @Nullable Channels channels) {

		public String name() {
			return ((this.firstName != null) ? this.firstName : "") + " "
					+ ((this.lastName != null) ? this.lastName : "");
		}

		/** The consented channels, a text message first. */
		public List<Channel> consented() {
			if (this.channels == null) {
				return List.of();
			}
			List<Channel> consented = new ArrayList<>();
			if (this.channels.sms() != null) {
				consented.add(new Channel("SMS", this.channels.sms()));
			}
			if (this.channels.email() != null) {
				consented.add(new Channel("EMAIL", this.channels.email()));
			}
			return consented;
		}

	}

	/**
	 * The channels the client consented to, as referral-service gives them: each with its
	 * value, null when not consented.
	 *
	 * @param email the email address
	 * @param sms the mobile number
	 */
	public record Channels(@Nullable String email, @Nullable String sms) {
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

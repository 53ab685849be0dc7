package ca.aiguillage.waitlist.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * referral-service's possible duplicates as the console reads and resolves them: both
 * people, asked at view time with the coordinator's token (referral-service records the
 * reads in its access trail), then linked or separated there. Never stored, listed or
 * logged here.
 */
@Component
class PossibleDuplicates {

	private static final Logger log = LoggerFactory.getLogger(PossibleDuplicates.class);

	private final RestClient http;

	PossibleDuplicates(RestClient.Builder http, Neighbours neighbours) {
		this.http = neighbours.client(http, neighbours.referralUrl());
	}

	/**
	 * Both people of a flagged referral.
	 * @param token the coordinator's access token
	 * @return both people, or empty when referral-service did not answer, refused, or has
	 * nothing left to compare
	 */
	Optional<Comparison> compare(String token, String referralId) {
		try {
			Answer answer = this.http.get()
				.uri("/api/v1/referrals/{id}/possible-duplicates", referralId)
				.headers(headers -> headers.setBearerAuth(token))
				.retrieve()
				.body(Answer.class);
			if (answer == null || answer.person() == null || answer.candidates() == null
					|| answer.candidates().isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(new Comparison(answer.person(), answer.candidates().get(0)));
		}
		catch (RestClientException ex) {
			// Only the kind of failure: the answer may hold personal data.
			log.warn("referral-service gave no possible duplicates: {}", ex.getClass().getSimpleName());
			return Optional.empty();
		}
	}

	/**
	 * Links the flagged referral to the other one, or separates them.
	 * @param decision {@code link} or {@code separate}
	 * @return whether referral-service recorded it
	 */
	boolean resolve(String token, String referralId, String otherReferralId, String decision) {
		try {
			this.http.post()
				.uri("/api/v1/referrals/{id}/possible-duplicates/{other}/{decision}", referralId, otherReferralId,
						decision)
				.headers(headers -> headers.setBearerAuth(token))
				.retrieve()
				.toBodilessEntity();
			return true;
		}
		catch (RestClientException ex) {
			log.warn("referral-service did not record a duplicate decision: {}", ex.getClass().getSimpleName());
			return false;
		}
	}

	/**
	 * referral-service's answer.
	 *
	 * @param person the flagged referral's client
	 * @param candidates the referral it may duplicate
	 */
	record Answer(@Nullable Person person, @Nullable List<Candidate> candidates) {
	}

	/**
	 * The flagged referral's person beside the other one.
	 *
	 * @param person the flagged referral's client
	 * @param other the other referral's client and what matched
	 */
	public record Comparison(Person person, Candidate other) {
	}

	/**
	 * The other referral and what matched.
	 *
	 * @param person its client
	 * @param matchedOn the keys that matched
	 */
	public record Candidate(Person person, @Nullable List<String> matchedOn) {
	}

	/**
	 * Who a referral is about, enough to tell two people apart.
	 *
	 * @param referralId the referral
	 * @param receivedAt when intake received it
	 * @param firstName the client's first name
	 * @param lastName the client's last name
	 * @param dateOfBirth the client's date of birth
	 * @param postalCode the client's postal code
	 * @param email the client's email, null when none or withheld
	 * @param mobilePhone the client's mobile number, null when none or withheld
	 * @param contactWithheld whether another organization holds this referral, so its
	 * phone and email are not shown
	 */
	public record Person(String referralId, @Nullable Instant receivedAt, @Nullable String firstName,
			@Nullable String lastName, @Nullable LocalDate dateOfBirth, @Nullable String postalCode,
			@Nullable String email, @Nullable String mobilePhone, boolean contactWithheld) {

		public String name() {
			return (((this.firstName != null) ? this.firstName : "") + " "
					+ ((this.lastName != null) ? this.lastName : ""))
				.strip();
		}

	}

}

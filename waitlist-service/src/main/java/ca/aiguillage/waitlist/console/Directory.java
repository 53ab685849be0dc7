package ca.aiguillage.waitlist.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * matching-service's directory as the console reads it: therapist and organization names,
 * and the therapists a coordinator may choose instead of a proposal. A page never waits
 * long for it, and shows ids when it does not answer.
 */
@Component
class Directory {

	private static final Logger log = LoggerFactory.getLogger(Directory.class);

	private final RestClient http;

	Directory(RestClient.Builder http, Neighbours neighbours) {
		this.http = neighbours.client(http, neighbours.matchingUrl());
	}

	/**
	 * The names the coordinator may read: their organization's therapists, every
	 * organization.
	 * @param token the coordinator's access token
	 * @param organizationId the coordinator's organization, or null for an administrator
	 * @return the names known, empty where matching did not answer
	 */
	Names names(String token, @Nullable String organizationId) {
		Map<String, String> therapists = new HashMap<>();
		Map<String, String> organizations = new HashMap<>();
		get(token, "/api/v1/organizations", new ParameterizedTypeReference<List<Organization>>() {
		}).ifPresent(found -> found.forEach(one -> organizations.put(one.id(), one.name())));
		String path = "/api/v1/therapists?size=100"
				+ ((organizationId != null) ? "&organizationId=" + organizationId : "");
		get(token, path, new ParameterizedTypeReference<TherapistPage>() {
		}).ifPresent(found -> found.content().forEach(one -> therapists.put(one.id(), one.firstName())));
		return new Names(therapists, organizations);
	}

	/**
	 * An organization with its service area and languages.
	 * @param token the coordinator's access token
	 * @return the organization, or empty when matching did not answer or does not know it
	 */
	Optional<Organization> organization(String token, String organizationId) {
		return get(token, "/api/v1/organizations", new ParameterizedTypeReference<List<Organization>>() {
		}).flatMap(found -> found.stream().filter(one -> one.id().equals(organizationId)).findFirst());
	}

	/**
	 * The therapists matching would accept for this referral instead of its proposal.
	 * @param token the coordinator's access token
	 * @return the candidates, or empty when matching did not answer
	 */
	Optional<List<Candidate>> candidates(String token, String referralId) {
		return get(token, "/api/v1/referrals/" + referralId + "/override-candidates",
				new ParameterizedTypeReference<List<Candidate>>() {
				});
	}

	private <T> Optional<T> get(String token, String path, ParameterizedTypeReference<T> type) {
		try {
			return Optional
				.ofNullable(this.http.get().uri(path).headers(h -> h.setBearerAuth(token)).retrieve().body(type));
		}
		catch (RestClientException ex) {
			// The page shows ids instead; the cause is an outage, never personal data.
			log.warn("matching-service did not answer {}: {}", path.replaceAll("/referrals/[^/]+", "/referrals/…"),
					ex.getClass().getSimpleName());
			return Optional.empty();
		}
	}

	/**
	 * An organization of the network.
	 *
	 * @param id its id
	 * @param name its name
	 * @param serviceArea the postal-code prefixes it serves in person
	 * @param languages the languages its therapists speak
	 */
	public record Organization(String id, String name, @Nullable List<String> serviceArea,
			@Nullable List<String> languages) {

		public List<String> area() {
			return (this.serviceArea != null) ? this.serviceArea : List.of();
		}

		public List<String> spoken() {
			return (this.languages != null) ? this.languages : List.of();
		}

	}

	/**
	 * A therapist as the directory lists them.
	 *
	 * @param id their id
	 * @param firstName their first name
	 */
	record Therapist(String id, @Nullable String firstName) {
	}

	/**
	 * A page of the directory.
	 *
	 * @param content the therapists
	 */
	record TherapistPage(List<Therapist> content) {
	}

	/**
	 * A therapist a coordinator may choose, with what the choice would break.
	 *
	 * @param therapistId their id
	 * @param name their name
	 * @param organizationId their organization
	 * @param freePlaces their free places
	 * @param constraintsBroken codes of the hard constraints the choice breaks
	 */
	public record Candidate(String therapistId, @Nullable String name, @Nullable String organizationId, int freePlaces,
			@Nullable List<String> constraintsBroken) {

		public List<String> broken() {
			return (this.constraintsBroken != null) ? this.constraintsBroken : List.of();
		}

	}

}

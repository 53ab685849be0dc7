package ca.aiguillage.waitlist.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ca.aiguillage.platform.deadletters.DeadLetter;
import ca.aiguillage.platform.deadletters.DeadLetterController;
import ca.aiguillage.platform.deadletters.DeadLetters;
import ca.aiguillage.platform.deadletters.DeadLetters.AlreadyHandledException;
import ca.aiguillage.platform.deadletters.DeadLetters.DeadLetterNotFoundException;
import ca.aiguillage.platform.deadletters.DeadLetters.ReplayFailedException;
import ca.aiguillage.waitlist.console.Neighbours;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The dead letters of the four services, for one administrator: this service's own read
 * in-process, the others' through their {@code /api/v1/admin/dead-letters} with the
 * administrator's own token, so that each service records who acted.
 */
@Component
class NetworkDeadLetters {

	private static final Logger log = LoggerFactory.getLogger(NetworkDeadLetters.class);

	private static final String PATH = "/api/v1/admin/dead-letters";

	private static final String REPLAY_FAILED_TYPE = "urn:ca:aiguillage:problem:" + DeadLetterController.REPLAY_FAILED;

	private static final ParameterizedTypeReference<List<DeadLetter>> LETTERS = new ParameterizedTypeReference<>() {
	};

	private final DeadLetters own;

	private final RestClient http;

	private final Map<Service, URI> urls;

	NetworkDeadLetters(DeadLetters own, RestClient.Builder http, Neighbours neighbours) {
		this.own = own;
		SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
		timeouts.setConnectTimeout(neighbours.timeout());
		// Reading or replaying a service's dead-letter topics takes longer than a name.
		timeouts.setReadTimeout(neighbours.timeout().multipliedBy(10));
		this.http = http.clone().requestFactory(timeouts).build();
		this.urls = Map.of(Service.REFERRAL, neighbours.referralUrl(), Service.MATCHING, neighbours.matchingUrl(),
				Service.NOTIFICATION, neighbours.notificationUrl());
	}

	/**
	 * Each service's dead letters, in the order services are named.
	 * @param token the administrator's access token
	 * @return one shelf per service, saying when the service did not answer
	 */
	List<Shelf> shelves(String token) {
		List<Shelf> shelves = new ArrayList<>();
		for (Service service : Service.values()) {
			try {
				shelves.add(new Shelf(service, letters(service, token)));
			}
			catch (Unavailable ex) {
				shelves.add(new Shelf(service, null));
			}
		}
		return shelves;
	}

	DeadLetter replay(Service service, String id, String token, String by) {
		if (service == Service.WAITLIST) {
			return own(() -> this.own.replay(id, by));
		}
		return remote(service,
				() -> this.http.post()
					.uri(this.urls.get(service) + PATH + "/{id}/replay", id)
					.headers(headers -> headers.setBearerAuth(token))
					.retrieve()
					.body(DeadLetter.class));
	}

	DeadLetter discard(Service service, String id, String reason, String token, String by) {
		if (service == Service.WAITLIST) {
			return own(() -> this.own.discard(id, by, reason));
		}
		return remote(service,
				() -> this.http.post()
					.uri(this.urls.get(service) + PATH + "/{id}/discard", id)
					.headers(headers -> headers.setBearerAuth(token))
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("reason", reason))
					.retrieve()
					.body(DeadLetter.class));
	}

	/**
	 * Replays every waiting dead letter of one service, or of each.
	 * @return how many were replayed, how many still wait (their consumer failed on them
	 * again), and the services that did not answer
	 */
	ReplayedAll replayAll(@Nullable Service only, String token, String by) {
		int replayed = 0;
		int stillWaiting = 0;
		List<Service> unavailable = new ArrayList<>();
		for (Service service : (only != null) ? List.of(only) : Arrays.asList(Service.values())) {
			try {
				replayed += (service == Service.WAITLIST) ? this.own.replayAll(null, by).size()
						: remote(service,
								() -> this.http.post()
									.uri(this.urls.get(service) + PATH + "/replay-all")
									.headers(headers -> headers.setBearerAuth(token))
									.retrieve()
									.body(LETTERS))
							.size();
				stillWaiting += new Shelf(service, letters(service, token)).waiting().size();
			}
			catch (Unavailable | IllegalStateException ex) {
				unavailable.add(service);
			}
		}
		return new ReplayedAll(replayed, stillWaiting, unavailable);
	}

	private List<DeadLetter> letters(Service service, String token) {
		if (service == Service.WAITLIST) {
			try {
				return this.own.list();
			}
			catch (RuntimeException ex) {
				log.warn("this service's dead-letter topics could not be read: {}", ex.getClass().getSimpleName());
				throw new Unavailable();
			}
		}
		return remote(service,
				() -> this.http.get()
					.uri(this.urls.get(service) + PATH)
					.headers(headers -> headers.setBearerAuth(token))
					.retrieve()
					.body(LETTERS));
	}

	private static DeadLetter own(Supplier<DeadLetter> action) {
		try {
			return action.get();
		}
		catch (DeadLetterNotFoundException ex) {
			throw new NotFound();
		}
		catch (AlreadyHandledException ex) {
			throw new AlreadyHandled();
		}
		catch (ReplayFailedException ex) {
			throw new FailedAgain();
		}
		catch (IllegalStateException ex) {
			throw new Unavailable();
		}
	}

	private static <T> T remote(Service service, Supplier<@Nullable T> call) {
		try {
			T answer = call.get();
			if (answer == null) {
				throw new Unavailable();
			}
			return answer;
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
				throw new NotFound();
			}
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
				throw new AlreadyHandled();
			}
			log.warn("{} refused a dead-letter request: {}", service, ex.getStatusCode().value());
			throw new Unavailable();
		}
		catch (HttpServerErrorException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE)
					&& ex.getResponseBodyAsString().contains(REPLAY_FAILED_TYPE)) {
				throw new FailedAgain();
			}
			log.warn("{} failed a dead-letter request: {}", service, ex.getStatusCode().value());
			throw new Unavailable();
		}
		catch (RestClientException ex) {
			log.warn("{} gave no dead letters: {}", service, ex.getClass().getSimpleName());
			throw new Unavailable();
		}
	}

	/** The four services, in the order a referral meets them. */
	enum Service {

		REFERRAL, MATCHING, WAITLIST, NOTIFICATION

	}

	/**
	 * One service's dead letters.
	 *
	 * @param service the service
	 * @param letters its dead letters, oldest first, or null when it did not answer
	 */
	record Shelf(Service service, @Nullable List<DeadLetter> letters) {

		List<DeadLetter> waiting() {
			return (this.letters != null) ? this.letters.stream().filter(letter -> letter.action() == null).toList()
					: List.of();
		}

	}

	/**
	 * What "replay all" did.
	 *
	 * @param replayed how many dead letters were handed back and applied
	 * @param stillWaiting how many wait still, in the services that answered: their
	 * consumer failed on them again (or they arrived meanwhile)
	 * @param unavailable the services that did not answer
	 */
	record ReplayedAll(int replayed, int stillWaiting, List<Service> unavailable) {
	}

	/** The service has no such dead letter. */
	static final class NotFound extends RuntimeException {

	}

	/** Someone replayed or discarded it before. */
	static final class AlreadyHandled extends RuntimeException {

	}

	/** Its consumer failed on the replayed event again: it stays waiting. */
	static final class FailedAgain extends RuntimeException {

	}

	/** The service did not answer, or not as expected. */
	static final class Unavailable extends RuntimeException {

	}

}

package ca.aiguillage.fhir.directory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The network's organizations, names and service areas, as matching-service's
 * {@code GET /api/v1/organizations} lists them (they are its configuration, in no event),
 * read with the caller's own token and kept a few minutes: they change only when matching
 * is reconfigured. When matching does not answer, the last list read is used, or none.
 */
@Component
class Organizations {

	private static final Logger log = LoggerFactory.getLogger(Organizations.class);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final HttpClient http;

	private final DirectorySettings settings;

	private final Clock clock;

	private volatile Read last = new Read(Map.of(), Instant.MIN);

	Organizations(DirectorySettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
	}

	/**
	 * The organizations by id, read again when the list kept is too old.
	 * @param token the caller's access token, which matching-service accepts for the list
	 * (roles PARTNER, COORDINATOR, ADMIN)
	 * @return the organizations known, empty when matching never answered
	 */
	Map<String, Organization> all(String token) {
		Read kept = this.last;
		Instant now = this.clock.instant();
		if (now.isBefore(kept.at().plus(this.settings.keepFor()))) {
			return kept.organizations();
		}
		Map<String, Organization> read = read(token);
		if (read == null) {
			return kept.organizations();
		}
		this.last = new Read(read, now);
		return read;
	}

	private @Nullable Map<String, Organization> read(String token) {
		HttpRequest request = HttpRequest.newBuilder(this.settings.matchingService().resolve("/api/v1/organizations"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.timeout(this.settings.timeout())
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				log.warn("matching-service answered {} for the organizations", response.statusCode());
				return null;
			}
			Map<String, Organization> byId = new LinkedHashMap<>();
			JSON.readValue(response.body(), new TypeReference<List<Organization>>() {
			}).forEach(organization -> byId.put(organization.id(), organization));
			return Map.copyOf(byId);
		}
		catch (IOException | JacksonException ex) {
			// Its type only: the cause is an outage, and the services show ids instead.
			log.warn("matching-service did not list the organizations: {}", ex.getClass().getSimpleName());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * An organization of the network.
	 *
	 * @param id its id
	 * @param name its name
	 * @param serviceArea the postal-code prefixes (FSAs or their first letters) it serves
	 * in person
	 */
	record Organization(String id, String name, @Nullable List<String> serviceArea) {

		List<String> area() {
			return (this.serviceArea != null) ? this.serviceArea : List.of();
		}

	}

	private record Read(Map<String, Organization> organizations, Instant at) {
	}

}

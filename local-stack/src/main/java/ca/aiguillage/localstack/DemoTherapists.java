package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo directory's therapists say they are demo: before the history plays, an
 * administrator adds « (démo) » to each one's name through matching's directory API, so
 * that the console, the directory, the portal and the messages all show it (the events of
 * the change carry it to the other services).
 */
final class DemoTherapists {

	private static final Logger log = LoggerFactory.getLogger(DemoTherapists.class);

	/** What every demo therapist's name ends with. */
	static final String MARK = " (démo)";

	/** The fields of matching's therapist profile, as its PUT takes them. */
	private static final List<String> PROFILE = List.of("organizationId", "firstName", "approaches", "languages",
			"clienteles", "modalities", "availability", "places", "lowFeePlaces", "active");

	/** The directory API's largest page. */
	private static final int PAGE = 100;

	private DemoTherapists() {
	}

	/**
	 * Marks every therapist of the directory whose name does not say it yet.
	 * @param matchingPort matching-service's port
	 * @param adminToken an administrator's token
	 * @return how many were marked
	 */
	static int mark(int matchingPort, String adminToken) {
		HttpClient http = HttpClient.newHttpClient();
		JsonMapper json = JsonMapper.builder().build();
		String matching = "http://127.0.0.1:" + matchingPort + "/api/v1/therapists";
		int marked = 0;
		for (int page = 0;; page++) {
			HttpResponse<String> listed = send(http,
					HttpRequest.newBuilder(URI.create(matching + "?size=" + PAGE + "&page=" + page))
						.header("Authorization", "Bearer " + adminToken)
						.GET());
			if (listed.statusCode() != 200) {
				throw new IllegalStateException("The demo directory could not be read: HTTP " + listed.statusCode());
			}
			JsonNode therapists = json.readTree(listed.body()).path("content");
			for (JsonNode therapist : therapists) {
				marked += markOne(http, json, matching, adminToken, therapist);
			}
			if (therapists.size() < PAGE) {
				break;
			}
		}
		log.info("Annuaire de démonstration : {} thérapeutes marqués « (démo) »", marked);
		return marked;
	}

	private static int markOne(HttpClient http, JsonMapper json, String matching, String adminToken,
			JsonNode therapist) {
		String name = therapist.path("firstName").asString("");
		if (name.endsWith(MARK)) {
			return 0;
		}
		Map<String, Object> profile = new LinkedHashMap<>();
		for (String field : PROFILE) {
			profile.put(field, therapist.get(field));
		}
		profile.put("firstName", name + MARK);
		HttpResponse<String> put = send(http,
				HttpRequest.newBuilder(URI.create(matching + "/" + therapist.get("id").asString()))
					.header("Authorization", "Bearer " + adminToken)
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(profile))));
		if (put.statusCode() != 200) {
			throw new IllegalStateException("A demo therapist could not be marked: HTTP " + put.statusCode());
		}
		return 1;
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The demo administrator could not reach matching-service", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The demo history was interrupted", ex);
		}
	}

}

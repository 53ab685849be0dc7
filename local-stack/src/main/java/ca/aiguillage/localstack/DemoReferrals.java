package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A few fictitious referrals, posted through the real partner API on the first start so
 * that the queue shows both proposals and waiting clients. The language mix follows the
 * simulator's defaults (mostly French, then English, Spanish, Arabic, Haitian Creole,
 * Mandarin…).
 */
final class DemoReferrals {

	private static final Logger log = LoggerFactory.getLogger(DemoReferrals.class);

	/**
	 * Preferred language, accepted languages, clientele, approach, modality, day, start,
	 * end, income, dependents.
	 */
	private static final List<Object[]> CASES = List.of(
			new Object[] { "fr", List.of("fr"), "ADULT", "COGNITIVE_BEHAVIOURAL", "EITHER", "TUESDAY", "09:00", "12:00",
					18000, 0 },
			new Object[] { "fr", List.of("fr", "en"), "ADULT", "PSYCHODYNAMIC", "IN_PERSON", "WEDNESDAY", "13:00",
					"17:00", 31000, 2 },
			new Object[] { "en", List.of("en"), "ADULT", "HUMANISTIC_EXISTENTIAL", "VIDEO", "THURSDAY", "18:00",
					"21:00", 22000, 1 },
			new Object[] { "es", List.of("es", "fr"), "ADULT", "COGNITIVE_BEHAVIOURAL", "EITHER", "MONDAY", "09:00",
					"15:00", 15000, 3 },
			new Object[] { "ar", List.of("ar", "fr"), "COUPLE", "SYSTEMIC", "IN_PERSON", "SATURDAY", "09:00", "12:00",
					27000, 2 },
			new Object[] { "fr", List.of("fr"), "FAMILY", "SYSTEMIC", "EITHER", "FRIDAY", "16:00", "20:00", 41000, 3 },
			new Object[] { "ht", List.of("ht"), "ADULT", "INTEGRATIVE", "IN_PERSON", "SUNDAY", "10:00", "12:00", 12000,
					1 },
			new Object[] { "zh", List.of("zh"), "ADOLESCENT", "COGNITIVE_BEHAVIOURAL", "VIDEO", "SATURDAY", "07:00",
					"08:00", 20000, 2 });

	private DemoReferrals() {
	}

	/**
	 * Whether the store holds a referral: the first document, not a count of every one (a
	 * store of years of referrals is read whole by a count on the embedded store).
	 */
	static boolean anyReferralStored(MongoClient client) {
		return client.getDatabase("referral").getCollection("referrals").find().limit(1).first() != null;
	}

	static void loadOnce(String mongoUri, String issuer, int referralPort) {
		try (MongoClient client = MongoClients.create(mongoUri)) {
			if (anyReferralStored(client)) {
				return;
			}
		}
		JsonMapper json = JsonMapper.builder().build();
		HttpClient http = HttpClient.newHttpClient();
		String token = demoPartnerToken(http, json, issuer);
		for (int i = 0; i < CASES.size(); i++) {
			String body = json.writeValueAsString(referral(i + 1, CASES.get(i)));
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + referralPort + "/api/v1/referrals"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			try {
				int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status != 201) {
					throw new IllegalStateException("Demo referral " + (i + 1) + " was refused with HTTP " + status);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not post demo referral " + (i + 1), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.info("Loaded {} demo referrals through the partner API", CASES.size());
	}

	/**
	 * The demo partner system's token, as any partner system gets one: client
	 * credentials.
	 */
	static String demoPartnerToken(HttpClient http, JsonMapper json, String issuer) {
		String credentials = java.util.Base64.getEncoder()
			.encodeToString("demo-partner:demo-partner-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The demo partner got no token: HTTP " + response.statusCode());
			}
			return json.readTree(response.body()).get("access_token").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach the authorization server", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One demo referral of a person of its own, for load: the n-th case of the demo mix,
	 * with a name, birth date, addresses and partner reference that no other n shares.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> distinctPerson(int n, String referencePrefix) {
		Map<String, Object> referral = referral(1 + n % CASES.size(), CASES.get(n % CASES.size()));
		Map<String, Object> client = (Map<String, Object>) referral.get("client");
		StringBuilder letters = new StringBuilder();
		for (int rest = n + 1; rest > 0; rest /= 26) {
			letters.append((char) ('a' + rest % 26));
		}
		client.put("lastName", "Charge " + letters);
		client.put("dateOfBirth", String.format("%d-%02d-%02d", 1950 + n % 50, 1 + n % 12, 1 + n % 28));
		client.put("email", "charge" + n + "@example.org");
		client.put("mobilePhone", String.format("+1 438 %03d %04d", 200 + n / 10_000, n % 10_000));
		referral.put("partnerReference", referencePrefix + "-" + n);
		return referral;
	}

	private static Map<String, Object> referral(int n, Object[] c) {
		String number = String.format("%02d", n);
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("firstName", "Client");
		client.put("lastName", "Démo " + number);
		client.put("dateOfBirth", (1960 + n * 5) + "-0" + (1 + n % 9) + "-1" + (n % 10));
		client.put("email", "demo" + number + "@example.org");
		client.put("mobilePhone", "+1 514 555 01" + number);
		client.put("postalCode", List.of("H2M 1K5", "H1G 3T4", "H7N 5H9", "J7E 2B6", "J8Y 6T3").get(n % 5));
		client.put("preferredLanguage", c[0]);
		client.put("languages", c[1]);
		Map<String, Object> needs = new LinkedHashMap<>();
		needs.put("clientele", c[2]);
		needs.put("approaches", List.of(c[3]));
		needs.put("approachRequired", false);
		needs.put("modality", c[4]);
		needs.put("availability", List.of(Map.of("day", c[5], "start", c[6], "end", c[7])));
		needs.put("reason", "Demande de démonstration " + number);
		Map<String, Object> referral = new LinkedHashMap<>();
		referral.put("partnerReference", "DEMO-" + number);
		referral.put("client", client);
		referral.put("consent", Map.of("sharing", true, "email", true, "sms", n % 3 != 0));
		referral.put("household", Map.of("annualIncome", c[8], "dependents", c[9]));
		referral.put("needs", needs);
		referral.put("risk", Map.of("imminentRisk", false));
		referral.put("priority", List.of("B", "C", "D").get(n % 3));
		return referral;
	}

}

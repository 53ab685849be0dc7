package ca.aiguillage.load;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Referrals of generated fictional people, one new person each: no two share a name,
 * birth date, email or phone within a run, and each run draws its own range, so that
 * intake never links them as one person.
 */
final class Persons {

	private static final List<String> FIRST_NAMES = List.of("Émilie", "Jérôme", "Nadia", "Olivier", "Fatima", "Samuel",
			"Chloé", "Mamadou", "Léa", "Antoine", "Yasmine", "Gabriel", "Rosalie", "Wei", "Daniela", "Jean-Philippe");

	private static final List<String> LAST_NAMES = List.of("Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin",
			"Lavoie", "Fortin", "Pelletier", "Bélanger", "Diallo", "Nguyen", "Haddad", "Joseph", "Rodriguez", "Chen");

	private static final List<String> AREA_CODES = List.of("438", "514", "450", "579", "581", "819", "873", "367");

	private static final List<String> POSTAL_CODES = List.of("H2M 1K5", "H1G 3T4", "H7N 5H9", "J7E 2B6", "J8Y 6T3",
			"H3S 2C6", "H4C 1J7");

	/**
	 * Preferred language and accepted ones, clientele, approach, modality, day, hours.
	 */
	private static final List<Need> NEEDS = List.of(
			new Need("fr", List.of("fr"), "ADULT", "COGNITIVE_BEHAVIOURAL", "EITHER", "TUESDAY", "09:00", "12:00"),
			new Need("fr", List.of("fr", "en"), "ADULT", "PSYCHODYNAMIC", "IN_PERSON", "WEDNESDAY", "13:00", "17:00"),
			new Need("en", List.of("en"), "ADULT", "HUMANISTIC_EXISTENTIAL", "VIDEO", "THURSDAY", "18:00", "21:00"),
			new Need("fr", List.of("fr"), "ADULT", "INTEGRATIVE", "EITHER", "MONDAY", "09:00", "15:00"),
			new Need("es", List.of("es", "fr"), "ADULT", "COGNITIVE_BEHAVIOURAL", "EITHER", "MONDAY", "09:00", "15:00"),
			new Need("ar", List.of("ar", "fr"), "COUPLE", "SYSTEMIC", "IN_PERSON", "SATURDAY", "09:00", "12:00"),
			new Need("fr", List.of("fr"), "FAMILY", "SYSTEMIC", "EITHER", "FRIDAY", "16:00", "20:00"),
			new Need("ht", List.of("ht", "fr"), "ADULT", "INTEGRATIVE", "IN_PERSON", "SUNDAY", "10:00", "12:00"));

	private record Need(String preferred, List<String> languages, String clientele, String approach, String modality,
			String day, String start, String end) {
	}

	/** Eight phone area codes of 800 exchanges of 10,000 lines. */
	private static final long PHONES = 8L * 800 * 10_000;

	private final String referencePrefix;

	private final long base;

	/**
	 * @param referencePrefix the partner references' prefix ({@code LOAD}, {@code HIST},
	 * {@code DÉMO}), so that generated referrals are told apart from real ones
	 */
	Persons(String referencePrefix) {
		this.referencePrefix = referencePrefix;
		// Each run its own range of people: two runs on one stack add people, never
		// link them.
		this.base = new SecureRandom().nextLong(PHONES);
	}

	/**
	 * The n-th referral of this run, for a person no other n shares.
	 * @param n the referral's number in the run
	 * @return the request body of the partner API
	 */
	Map<String, Object> referral(long n) {
		long serial = (this.base + n) % PHONES;
		Need need = NEEDS.get((int) (n % NEEDS.size()));
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("firstName", FIRST_NAMES.get((int) (serial % FIRST_NAMES.size())));
		client.put("lastName", LAST_NAMES.get((int) ((serial / FIRST_NAMES.size()) % LAST_NAMES.size())) + "-"
				+ letters(serial / (FIRST_NAMES.size() * LAST_NAMES.size())));
		client.put("dateOfBirth", LocalDate.of(1950, 1, 1).plusDays(serial % 20_000).toString());
		client.put("email", "personne." + serial + "@example.org");
		client.put("mobilePhone", "+1 " + AREA_CODES.get((int) (serial / 8_000_000)) + " "
				+ (200 + (serial / 10_000) % 800) + " " + String.format("%04d", serial % 10_000));
		client.put("postalCode", POSTAL_CODES.get((int) (n % POSTAL_CODES.size())));
		client.put("preferredLanguage", need.preferred());
		client.put("languages", need.languages());
		Map<String, Object> needs = new LinkedHashMap<>();
		needs.put("clientele", need.clientele());
		needs.put("approaches", List.of(need.approach()));
		needs.put("approachRequired", false);
		needs.put("modality", need.modality());
		needs.put("availability", List.of(Map.of("day", need.day(), "start", need.start(), "end", need.end())));
		needs.put("reason", "Demande générée pour un essai de charge.");
		Map<String, Object> referral = new LinkedHashMap<>();
		referral.put("partnerReference", this.referencePrefix + "-" + serial);
		referral.put("client", client);
		referral.put("consent", Map.of("sharing", true, "email", true, "sms", n % 3 != 0));
		referral.put("household", Map.of("annualIncome", 12_000 + (n % 9) * 4_000, "dependents", n % 4));
		referral.put("needs", needs);
		referral.put("risk", Map.of("imminentRisk", false));
		referral.put("priority", List.of("B", "C", "D").get((int) (n % 3)));
		return referral;
	}

	/** A name part from a number, in capitalised letters ("Bq"). */
	private static String letters(long number) {
		StringBuilder letters = new StringBuilder();
		long rest = number + 1;
		while (rest > 0) {
			letters.append((char) ('a' + rest % 26));
			rest /= 26;
		}
		letters.setCharAt(0, Character.toUpperCase(letters.charAt(0)));
		return letters.toString();
	}

}

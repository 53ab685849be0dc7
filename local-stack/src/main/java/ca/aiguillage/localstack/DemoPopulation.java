package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * The demo history's people and their chances, drawn from the simulator's figures
 * ({@code demo-history.properties}, copied from matching-bench's
 * {@code simulation.properties}): who is referred, in which language, for what; how
 * likely they are to decline, not be reached, not show up; how long their therapy lasts.
 * Every person is fictitious and says so: a "Démo" name, a {@code DÉMO-} reference,
 * {@code example.org} addresses and 555-01xx numbers, which reach no one.
 */
final class DemoPopulation {

	private static final List<String> FIRST_NAMES = List.of("Aurore", "Bastien", "Céleste", "Damien", "Éloïse",
			"Fabrice", "Gaëlle", "Hector", "Inès", "Jasmin", "Katia", "Léandre", "Maëlle", "Noé", "Océane", "Pacôme",
			"Rosalie", "Sacha", "Thaïs", "Ulysse", "Victoire", "Wassim", "Yasmine", "Zacharie");

	private static final List<String> CLIENTELES = List.of("ADULT", "ADOLESCENT", "COUPLE", "FAMILY");

	private static final List<String> APPROACHES = List.of("COGNITIVE_BEHAVIOURAL", "HUMANISTIC_EXISTENTIAL",
			"PSYCHODYNAMIC", "SYSTEMIC", "INTEGRATIVE");

	private static final List<String> PRIORITIES = List.of("A", "B", "C", "D", "E");

	private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

	/** The simulator's client hours (Population.HOURS), each a demo therapist's slot. */
	private static final List<String[]> HOURS = List.of(new String[] { "09:00", "12:00" },
			new String[] { "13:00", "16:00" }, new String[] { "17:00", "21:00" });

	/**
	 * Postal codes of Montreal, Laval, Laurentides and Outaouais the demo network serves.
	 */
	private static final List<List<String>> REGIONS = List.of(
			List.of("H2L 2B7", "H1G 3T4", "H2M 1K5", "H3T 1E2", "H4A 3J6", "H1N 2Y8", "H2X 1Y4", "H8N 2E3"),
			List.of("H7N 5H9", "H7T 1C8"), List.of("J7E 2B6", "J7R 4K3"), List.of("J8Y 6T3", "J8X 3X7", "J9H 2A1"));

	private static final List<String> AREA_CODES = List.of("514", "438", "450", "579", "819", "873", "263", "354");

	private final Properties p;

	private final Random random;

	/**
	 * Who refers the client and how they answer: drawn apart, so that the people stay
	 * those of the seed.
	 */
	private final Random channels;

	DemoPopulation(Properties parameters, long seed) {
		this.p = parameters;
		this.random = new Random(seed);
		this.channels = new Random(seed + 1);
	}

	/**
	 * @return the shipped parameters, with the {@code aiguillage.demo-history.*} system
	 * properties over them
	 */
	static Properties shippedParameters() {
		Properties parameters = new Properties();
		try (InputStream file = DemoPopulation.class.getClassLoader().getResourceAsStream("demo-history.properties")) {
			if (file == null) {
				throw new IllegalStateException("demo-history.properties is missing from the classpath");
			}
			parameters.load(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (String name : parameters.stringPropertyNames()) {
			String override = System.getProperty("aiguillage.demo-history." + name);
			if (override != null) {
				parameters.setProperty(name, override);
			}
		}
		return parameters;
	}

	/**
	 * @param month the month the week falls in
	 * @return the demo network's mean arrivals in one week of that month
	 */
	double arrivalsPerWeek(Month month) {
		double seasonality = Double.parseDouble(list("seasonality").get(month.ordinal()));
		return number("referrals-per-year") * number("network-share") * seasonality / 52.0;
	}

	/**
	 * @return how many clients already wait when the history starts
	 */
	int initialBacklog() {
		return (int) Math.round(number("initial-backlog") * number("network-share"));
	}

	/**
	 * @return a Poisson draw of the arrivals in a week of that mean
	 */
	int arrivals(double mean) {
		// Knuth's method: the means here are a few dozen at most.
		double limit = Math.exp(-mean);
		double product = this.random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= this.random.nextDouble();
			count++;
		}
		return count;
	}

	/**
	 * @return a fraction of a week, where an arrival falls within it
	 */
	double anywhereInWeek() {
		return this.random.nextDouble();
	}

	/**
	 * A referral of the n-th demo person, as a partner system posts it.
	 * @param n the person's number
	 * @return the request body
	 */
	Map<String, Object> referral(int n) {
		String number = String.format("%04d", n);
		String preferred = weighted(list("client-languages"));
		List<String> languages = new ArrayList<>(List.of(preferred));
		if ("fr".equals(preferred) && chance("french-also-english")) {
			languages.add("en");
		}
		else if ("en".equals(preferred) && chance("english-also-french")) {
			languages.add("fr");
		}
		else if (!List.of("fr", "en").contains(preferred) && chance("other-accepts-official")) {
			languages.add(chance("other-accepts-french-share") ? "fr" : "en");
		}
		boolean lowFee = chance("client-low-fee");
		int dependents = this.random.nextInt(4);
		List<String> region = REGIONS.get(weightedIndex(List.of(number("region-montreal"), number("region-laval"),
				number("region-laurentides"), number("region-outaouais"))));
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("firstName", FIRST_NAMES.get(this.random.nextInt(FIRST_NAMES.size())));
		client.put("lastName", "Démo " + number);
		client.put("dateOfBirth", String.format("%d-%02d-%02d", 1950 + this.random.nextInt(55),
				1 + this.random.nextInt(12), 1 + this.random.nextInt(28)));
		client.put("email", "demo" + number + "@example.org");
		// 555-0100 to 555-0199 are fictitious in every North American area code.
		client.put("mobilePhone",
				String.format("+1 %s 555 01%02d", AREA_CODES.get(n / 100 % AREA_CODES.size()), n % 100));
		client.put("postalCode", region.get(this.random.nextInt(region.size())));
		client.put("preferredLanguage", preferred);
		client.put("languages", languages);
		Map<String, Object> needs = new LinkedHashMap<>();
		needs.put("clientele", CLIENTELES.get(weightedIndex(numbers("clientele-mix"))));
		boolean prefersApproach = chance("client-approach-preference");
		needs.put("approaches",
				prefersApproach ? List.of(APPROACHES.get(weightedIndex(numbers("approach-mix")))) : List.of());
		needs.put("approachRequired", prefersApproach && chance("client-approach-required"));
		double modality = this.random.nextDouble();
		needs.put("modality", (modality < number("client-in-person-only")) ? "IN_PERSON"
				: (modality < number("client-in-person-only") + number("client-video-only")) ? "VIDEO" : "EITHER");
		needs.put("availability", availability(2 + this.random.nextInt(2)));
		needs.put("reason", "Demande de démonstration " + number);
		Map<String, Object> referral = new LinkedHashMap<>();
		referral.put("partnerReference", "DÉMO-" + number);
		referral.put("client", client);
		referral.put("consent", Map.of("sharing", true, "email", true, "sms", this.random.nextBoolean()));
		referral.put("household",
				Map.of("annualIncome",
						lowFee ? 9_000 + this.random.nextInt(16_000) : 45_000 + this.random.nextInt(40_000),
						"dependents", dependents));
		referral.put("needs", needs);
		referral.put("risk", Map.of("imminentRisk", false));
		referral.put("priority", PRIORITIES.get(weightedIndex(numbers("priority-mix"))));
		return referral;
	}

	/**
	 * @return whether the next client refers themself through the public form (else a
	 * partner refers them)
	 */
	boolean selfRefers() {
		return this.channels.nextDouble() >= number("referred-by-partner");
	}

	/**
	 * @return whether the next client, when a text message reaches them, answers a
	 * proposal through its link (else a coordinator calls them)
	 */
	boolean answersByLink() {
		return this.channels.nextDouble() < number("check-in-answer");
	}

	/**
	 * @param daysWaited how long the client has waited when offered a place
	 * @return whether the client can no longer be reached (or no longer wants therapy)
	 */
	boolean unreachable(long daysWaited) {
		return this.random.nextDouble() < 1 - Math.exp(-daysWaited / number("unreachable-lambda-days"));
	}

	/**
	 * @return whether the client declines the offer for fit reasons
	 */
	boolean declines(List<String> languages) {
		return this.random.nextDouble() < number("decline") * allophone(languages);
	}

	/**
	 * @return whether the client does not come to the first session
	 */
	boolean noShow(List<String> languages) {
		return this.random.nextDouble() < number("no-show") * allophone(languages);
	}

	/**
	 * @return the time from an accepted offer to the first session
	 */
	Duration untilFirstSession() {
		return Duration.ofHours(Math.round(number("offer-weeks") * 7 * 24 * (0.5 + this.random.nextDouble())));
	}

	/**
	 * @return how long a client holds a place, from the number of sessions
	 */
	Duration therapy() {
		int sessions;
		if (chance("early-dropout")) {
			sessions = 1 + this.random.nextInt(3);
		}
		else {
			double drawn = number("sessions-median") * Math.exp(number("sessions-sigma") * this.random.nextGaussian());
			sessions = (int) Math.max(1, Math.min(150, Math.round(drawn)));
		}
		return Duration.ofHours(Math.round(sessions * number("weeks-per-session") * 7 * 24));
	}

	/**
	 * @return a client's delay before answering a text message through its link: within a
	 * day and a half, inside the 48-hour answer window (an assumption: people answer
	 * texts sooner than a coordinator calls)
	 */
	Duration clientDelay() {
		return Duration.ofHours(1 + this.random.nextInt(36));
	}

	/**
	 * @return a coordinator's delay before acting: between a few hours and three days
	 */
	Duration coordinatorDelay() {
		return Duration.ofHours(4 + this.random.nextInt(68));
	}

	private List<Map<String, String>> availability(int ranges) {
		List<String> days = new ArrayList<>(WEEKDAYS);
		List<Map<String, String>> slots = new ArrayList<>();
		for (int i = 0; i < ranges; i++) {
			String day = days.remove(this.random.nextInt(days.size()));
			String[] hours = HOURS.get(this.random.nextInt(HOURS.size()));
			slots.add(Map.of("day", day, "start", hours[0], "end", hours[1]));
		}
		return slots;
	}

	private double allophone(List<String> languages) {
		return "fr".equals(languages.get(0)) ? 1.0 : number("allophone-multiplier");
	}

	private boolean chance(String name) {
		return this.random.nextDouble() < number(name);
	}

	private String weighted(List<String> shares) {
		List<Double> weights = shares.stream().map(share -> Double.parseDouble(share.split(":")[1])).toList();
		return shares.get(weightedIndex(weights)).split(":")[0];
	}

	private int weightedIndex(List<Double> weights) {
		double total = weights.stream().mapToDouble(Double::doubleValue).sum();
		double drawn = this.random.nextDouble() * total;
		for (int i = 0; i < weights.size(); i++) {
			drawn -= weights.get(i);
			if (drawn < 0) {
				return i;
			}
		}
		return weights.size() - 1;
	}

	double number(String name) {
		String value = this.p.getProperty(name);
		if (value == null) {
			throw new IllegalStateException("demo-history.properties has no " + name);
		}
		return Double.parseDouble(value.strip());
	}

	private List<Double> numbers(String name) {
		return list(name).stream().map(Double::parseDouble).toList();
	}

	private List<String> list(String name) {
		return List.of(this.p.getProperty(name, "").strip().split("\\s*,\\s*"));
	}

}

package ca.aiguillage.referral.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import ca.aiguillage.testing.Fixtures;

/**
 * The README's example referral, for a different person each time: intake links a second
 * referral of the same person to the first, so tests that want a fresh referral need a
 * fresh person.
 */
public final class ExampleReferrals {

	public static final String EXAMPLE = Fixtures.repositoryFile("examples/referral.json");

	/**
	 * The next example's phone line: every example has the example's date of birth, so
	 * two sharing a phone would be one person to intake. Taken in turn from a random
	 * start, a run's first 10,000 examples each have their own.
	 */
	private static final AtomicInteger NEXT_LINE = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000));

	private ExampleReferrals() {
	}

	/** The example for a person no other test uses. */
	public static String someone() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			suffix.append((char) ('a' + random.nextInt(26)));
		}
		String phone = String.format("+1 514 555 %04d", Math.floorMod(NEXT_LINE.getAndIncrement(), 10_000));
		return EXAMPLE.replace("\"Tremblay\"", "\"Tremblay-" + suffix + "\"")
			.replace("marie-eve.tremblay@example.org", "marie-eve." + suffix + "@example.org")
			.replace("+1 514 555 0142", phone);
	}

	/**
	 * The example as the self-referral page's form posts it, for a person no other test
	 * uses.
	 */
	public static Map<String, List<String>> someoneAsForm() {
		String suffix = Long.toString(System.nanoTime(), 36);
		Map<String, List<String>> fields = new LinkedHashMap<>();
		fields.put("client.firstName", List.of("Marie-Ève"));
		fields.put("client.lastName", List.of("Tremblay-" + suffix));
		fields.put("client.dateOfBirth", List.of("1991-04-12"));
		fields.put("client.email", List.of("marie-eve." + suffix + "@example.org"));
		fields.put("client.postalCode", List.of("H2M 1K5"));
		fields.put("client.preferredLanguage", List.of("fr"));
		fields.put("client.languages", List.of("fr", "es"));
		fields.put("consent.sharing", List.of("true"));
		fields.put("consent.email", List.of("true"));
		fields.put("household.annualIncome", List.of("24000"));
		fields.put("household.dependents", List.of("1"));
		fields.put("needs.clientele", List.of("ADULT"));
		fields.put("needs.approaches", List.of("COGNITIVE_BEHAVIOURAL"));
		fields.put("needs.modality", List.of("EITHER"));
		fields.put("needs.availability[0].day", List.of("TUESDAY"));
		fields.put("needs.availability[0].start", List.of("09:00"));
		fields.put("needs.availability[0].end", List.of("12:00"));
		fields.put("needs.reason", List.of("Anxiété persistante depuis une perte d'emploi."));
		fields.put("risk.imminentRisk", List.of("false"));
		return fields;
	}

}

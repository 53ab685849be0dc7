package ca.aiguillage.referral.intake;

import java.util.concurrent.ThreadLocalRandom;

import ca.aiguillage.testing.Fixtures;

/**
 * The README's example referral, for a different person each time: intake links a second
 * referral of the same person to the first, so tests that want a fresh referral need a
 * fresh person.
 */
public final class ExampleReferrals {

	public static final String EXAMPLE = Fixtures.repositoryFile("examples/referral.json");

	private ExampleReferrals() {
	}

	/** The example for a person no other test uses. */
	public static String someone() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			suffix.append((char) ('a' + random.nextInt(26)));
		}
		String phone = String.format("+1 514 555 %04d", random.nextInt(10000));
		return EXAMPLE.replace("\"Tremblay\"", "\"Tremblay-" + suffix + "\"")
			.replace("marie-eve.tremblay@example.org", "marie-eve." + suffix + "@example.org")
			.replace("+1 514 555 0142", phone);
	}

}

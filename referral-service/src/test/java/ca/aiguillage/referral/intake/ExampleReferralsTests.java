package ca.aiguillage.referral.intake;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example shares its date of birth with every other, so two sharing a phone are the
 * same person to intake: a later one is linked to an earlier one that reached the queue,
 * and a test that expected a fresh referral sees it linked. (Drawn at random from 10,000
 * lines, a thousand examples shared one with certainty: about 50 pairs.)
 */
class ExampleReferralsTests {

	private static final Pattern PHONE = Pattern.compile("\\+1 514 555 \\d{4}");

	@Test
	void aThousandExamplesOfOneRunNeverShareAPhone() {
		Set<String> phones = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			Matcher phone = PHONE.matcher(ExampleReferrals.someone());
			assertThat(phone.find()).isTrue();
			phones.add(phone.group());
		}

		assertThat(phones).hasSize(1_000);
	}

}

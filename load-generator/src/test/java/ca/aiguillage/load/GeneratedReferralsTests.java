package ca.aiguillage.load;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the generator offers, and when. */
class GeneratedReferralsTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyReferralOfARunIsANewPersonByNameBirthDateEmailAndPhone() {
		Persons persons = new Persons("LOAD");
		Set<String> identities = new HashSet<>();
		Set<Object> emails = new HashSet<>();
		Set<Object> phones = new HashSet<>();
		for (long n = 0; n < 20_000; n++) {
			Map<String, Object> client = (Map<String, Object>) persons.referral(n).get("client");
			identities.add(client.get("firstName") + " " + client.get("lastName"));
			emails.add(client.get("email"));
			phones.add(client.get("mobilePhone"));
			assertThat((String) client.get("mobilePhone")).matches("\\+1 \\d{3} [2-9]\\d{2} \\d{4}");
		}
		assertThat(identities).hasSize(20_000);
		assertThat(emails).hasSize(20_000);
		assertThat(phones).hasSize(20_000);
		assertThat((String) persons.referral(7).get("partnerReference")).startsWith("LOAD-");
	}

	@Test
	void aFixedRateOffersRateTimesSecondsEvenlyAndARampSpeedsUp() {
		Schedule fixed = Schedule.fixed(50, Duration.ofSeconds(10));
		assertThat(fixed.count()).isEqualTo(500);
		assertThat(fixed.dueNanos(50)).isEqualTo(1_000_000_000L);

		Schedule ramp = new Schedule(10, 200, Duration.ofSeconds(60));
		assertThat(ramp.count()).isEqualTo(6_300);
		long[] due = LongStream.range(0, ramp.count()).map(ramp::dueNanos).toArray();
		assertThat(due[due.length - 1]).isLessThanOrEqualTo(60_000_000_000L);
		// The gaps shrink from a tenth of a second to a two-hundredth.
		assertThat(due[1] - due[0]).isBetween(95_000_000L, 100_000_000L);
		assertThat(due[due.length - 1] - due[due.length - 2]).isBetween(5_000_000L, 5_100_000L);
	}

	@Test
	void theInboundShareIsSpreadEvenly() {
		long inbound = LongStream.range(0, 1_000).filter((n) -> LoadRun.inbound(n, 20)).count();
		assertThat(inbound).isEqualTo(200);
		assertThat(LongStream.range(0, 5).filter((n) -> LoadRun.inbound(n, 20)).count()).isEqualTo(1);
		assertThat(LongStream.range(0, 100).filter((n) -> LoadRun.inbound(n, 0)).count()).isZero();
	}

}

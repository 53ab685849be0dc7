package ca.aiguillage.referral.selfreferral;

import java.util.List;

import ca.aiguillage.referral.intake.ExampleReferrals;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(
		properties = { "spring.config.name=referral-service", "referral.self-referral.limit-per-address=100",
				"referral.self-referral.budget-per-destination=2", "referral.self-referral.budget-global=4" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfReferralAbuseIntegrationTests extends RunningService {

	@Autowired
	MeterRegistry meters;

	@Test
	@Order(1)
	void aNumberOutsideCanadaIsRefusedBesideTheFieldInFrench() {
		for (String abroad : List.of("+33 6 12 34 56 78", "+1 212 555 0123")) {
			Http.Answer answer = post(ExampleReferrals.someone().replaceAll("\\+1 514 555 \\d{4}", abroad));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("client.mobilePhone");
			assertThat(answer.<List<String>>json("$.errors[*].message"))
				.containsExactly("Seuls les numéros de cellulaire canadiens sont acceptés.");
		}
	}

	@Test
	@Order(2)
	void aDestinationBeyondItsHourlyBudgetGets429InFrenchOrEnglishAndTheMetricCounts() {
		String samePhoneAndEmail = ExampleReferrals.someone();

		List<Integer> statuses = List.of(post(samePhoneAndEmail).status(), post(samePhoneAndEmail).status());
		Http.Answer french = post(samePhoneAndEmail);
		Http.Answer english = post(samePhoneAndEmail, "Accept-Language", "en");

		assertThat(statuses).containsOnly(201);
		assertThat(french.status()).isEqualTo(429);
		assertThat(french.header("Content-Type")).startsWith("application/problem+json");
		assertThat(french.header("Retry-After")).isEqualTo("3600");
		assertThat(french.<String>json("$.title")).isEqualTo("Trop de demandes");
		assertThat(french.<String>json("$.detail")).contains("911", "811", "988");
		assertThat(english.<String>json("$.title")).isEqualTo("Too many requests");
		assertThat(this.meters.counter(SelfReferralBudgets.METRIC, "budget", "destination").count()).isEqualTo(2);
	}

	@Test
	@Order(3)
	void theWholeFormBeyondItsHourlyBudgetGets429() {
		// Two of the four were spent above.
		List<Integer> statuses = List.of(post(ExampleReferrals.someone()).status(),
				post(ExampleReferrals.someone()).status(), post(ExampleReferrals.someone()).status());

		assertThat(statuses).containsExactly(201, 201, 429);
		assertThat(this.meters.counter(SelfReferralBudgets.METRIC, "budget", "global").count()).isEqualTo(1);
	}

	private Http.Answer post(String body, String... headers) {
		Http.Answer csrf = this.anonymous.get("/api/v1/self-referrals/csrf");
		String cookie = csrf.header("Set-Cookie").split(";")[0];
		String[] all = new String[4 + headers.length];
		all[0] = "Cookie";
		all[1] = cookie;
		all[2] = csrf.json("$.headerName");
		all[3] = csrf.json("$.token");
		System.arraycopy(headers, 0, all, 4, headers.length);
		return this.anonymous.postJson("/api/v1/self-referrals", body, all);
	}

}

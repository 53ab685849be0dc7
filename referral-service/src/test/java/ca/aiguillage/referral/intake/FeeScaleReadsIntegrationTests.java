package ca.aiguillage.referral.intake;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every referral's fee comes from the sliding scales: reading them from the store for
 * each referral read the whole collection each time on the embedded store.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
@Import(FindCounts.Counting.class)
class FeeScaleReadsIntegrationTests extends RunningService {

	@Autowired
	FindCounts finds;

	@Test
	void referralsTakeTheirFeeWithoutReadingTheScalesEachTime() {
		// The first may read the scales into memory.
		assertThat(submit().status()).isEqualTo(201);
		this.finds.takeAll("fee_scales");

		for (int referral = 0; referral < 3; referral++) {
			assertThat(submit().<Integer>json("$.fee.amountCents")).isEqualTo(2500);
		}

		assertThat(this.finds.takeAll("fee_scales")).isZero();
	}

	private Http.Answer submit() {
		return this.anonymous.withToken(this.tokens.partner("clsc-fee-reads"))
			.postJson("/api/v1/referrals", ExampleReferrals.someone());
	}

}

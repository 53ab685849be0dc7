package ca.aiguillage.referral.selfreferral;

import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

// Every test posts from 127.0.0.1, so the one that exhausts the address's allowance runs last.
@ServiceIntegrationTest
@TestPropertySource(
		properties = { "spring.config.name=referral-service", "referral.self-referral.limit-per-address=4" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfReferralIntegrationTests extends RunningService {

	static final String EXAMPLE = Fixtures.repositoryFile("examples/referral.json");

	@Test
	@Order(1)
	void clientWithTheCsrfTokenRefersThemselfWithoutAnAccount() {
		Http.Answer answer = postWithCsrf();

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.<Boolean>json("$.redirected")).isFalse();
		assertThat(answer.body()).doesNotContain("linkedTo", "LINKED");
	}

	@Test
	@Order(2)
	void selfReferralWithoutTheCsrfTokenIsRefused() {
		Http.Answer answer = this.anonymous.postJson("/api/v1/self-referrals", EXAMPLE);

		assertThat(answer.status()).isEqualTo(403);
	}

	@Test
	@Order(3)
	void invalidSelfReferralGetsTheSameProblemAsAPartners() {
		Http.Answer answer = postWithCsrf(EXAMPLE.replace("H2M 1K5", "90210"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("client.postalCode");
	}

	@Test
	@Order(4)
	void tooManySelfReferralsFromOneAddressGet429WithRetryAfter() {
		List<Integer> statuses = new ArrayList<>();
		Http.Answer last = null;
		for (int i = 0; i < 3; i++) {
			last = postWithCsrf();
			statuses.add(last.status());
		}

		assertThat(statuses).containsExactly(201, 429, 429);
		assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
		assertThat(last.<String>json("$.title")).isEqualTo("Trop de demandes");
		assertThat(last.<String>json("$.detail")).contains("911", "811", "988");
	}

	@Test
	@Order(5)
	void aForgedForwardedForDoesNotResetTheLimit() {
		Http.Answer csrf = this.anonymous.get("/api/v1/self-referrals/csrf");
		String cookie = csrf.header("Set-Cookie").split(";")[0];

		Http.Answer forged = this.anonymous.postJson("/api/v1/self-referrals", EXAMPLE, "Cookie", cookie,
				csrf.json("$.headerName"), csrf.json("$.token"), "X-Forwarded-For", "203.0.113.77");

		assertThat(forged.status()).isEqualTo(429);
	}

	private Http.Answer postWithCsrf() {
		return postWithCsrf(EXAMPLE);
	}

	private Http.Answer postWithCsrf(String body) {
		Http.Answer csrf = this.anonymous.get("/api/v1/self-referrals/csrf");
		String cookie = csrf.header("Set-Cookie").split(";")[0];
		return this.anonymous.postJson("/api/v1/self-referrals", body, "Cookie", cookie, csrf.json("$.headerName"),
				csrf.json("$.token"));
	}

}

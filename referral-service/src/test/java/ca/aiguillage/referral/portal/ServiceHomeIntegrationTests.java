package ca.aiguillage.referral.portal;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person who types the service's address, or a wrong path, in a browser gets the portal
 * or a French page saying so; programs asking for JSON still get the API's problems.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ServiceHomeIntegrationTests extends RunningService {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void browserAtTheRootIsSentToThePortal() {
		Http.Answer answer = this.anonymous.get("/", "Accept", BROWSER, "Accept-Language", "fr-CA");

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.header("Location")).endsWith("/partner");
	}

	@Test
	void browserAtAnUnknownPathGetsTheFrenchNotFoundPage() {
		Http.Answer answer = this.anonymous.get("/mes-demandes", "Accept", BROWSER, "Accept-Language", "fr-CA");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("Content-Type")).startsWith("text/html");
		assertThat(answer.body()).contains("Page introuvable", "lang=\"fr\"").doesNotContain("\"status\"");
	}

	@Test
	void browserAskingInEnglishGetsTheEnglishNotFoundPage() {
		Http.Answer answer = this.anonymous.get("/nowhere", "Accept", BROWSER, "Accept-Language", "en-CA");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.body()).contains("Page not found");
	}

	@Test
	void programAskingForJsonAtTheRootStillGetsTheProblem() {
		Http.Answer answer = this.anonymous.get("/", "Accept", "application/json");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat((String) answer.json("$.title")).isEqualTo("Authentification requise");
	}

	@Test
	void programAskingForJsonAtAnUnknownPathStillGetsTheProblem() {
		Http.Answer answer = this.anonymous.get("/mes-demandes", "Accept", "application/json", "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(401);
		assertThat((String) answer.json("$.title")).isEqualTo("Authentication required");
	}

	@Test
	void browserAtAnApiPathStillGetsTheProblem() {
		Http.Answer answer = this.anonymous.get("/api/v1/referrals", "Accept", BROWSER);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
	}

}

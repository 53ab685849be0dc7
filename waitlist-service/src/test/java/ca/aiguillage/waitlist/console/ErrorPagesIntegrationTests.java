package ca.aiguillage.waitlist.console;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser gets at the service's address and on API errors: the console, its icon,
 * and problems (not pages) for API calls. The French error pages themselves are seen by a
 * signed-in browser in {@link ConsoleBrowserTests}.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class ErrorPagesIntegrationTests extends RunningService {

	static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void serviceAddressLeadsToTheConsoleInsteadOfAnApiAnswer() {
		Http.Answer home = this.anonymous.get("/", "Accept", BROWSER_ACCEPT);

		assertThat(home.status()).isEqualTo(302);
		assertThat(home.header("location")).endsWith("/console");
	}

	@Test
	void iconIsServedWithoutSignIn() {
		Http.Answer icon = this.anonymous.get("/favicon.ico", "Accept", "image/*");

		assertThat(icon.status()).isEqualTo(200);
		assertThat(icon.header("content-type")).startsWith("image/");
		assertThat(icon.body()).isNotEmpty();
	}

	@Test
	void apiErrorsStayProblemsEvenForABrowser() {
		Http.Answer unknown = this.http.get("/api/v1/queue/no-such-referral", "Accept", BROWSER_ACCEPT);
		Http.Answer badParameter = this.http.get("/api/v1/queue?status=NOPE", "Accept", "application/json");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("content-type")).startsWith("application/problem+json");
		assertThat(unknown.body()).doesNotContain("<html");
		assertThat(badParameter.status()).isEqualTo(400);
		assertThat(badParameter.header("content-type")).startsWith("application/problem+json");
	}

	@Test
	void unsignedBrowserAtTheConsoleIsSentToSignInNotToAnErrorPage() {
		Http.Answer console = this.anonymous.get("/console/referrals/x", "Accept", BROWSER_ACCEPT);

		assertThat(console.status()).isEqualTo(302);
	}

}

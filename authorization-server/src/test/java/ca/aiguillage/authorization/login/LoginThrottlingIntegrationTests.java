package ca.aiguillage.authorization.login;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.UserAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real form posts from client addresses the test names through {@code X-Forwarded-For},
 * as the reverse proxy in front of the server sets it (Tomcat trusts it from loopback
 * only). Each test uses its own addresses and accounts: the counters are the server's.
 */
@TestPropertySource(
		properties = { "server.forward-headers-strategy=native", "aiguillage.authorization.login.free-failures=2",
				"aiguillage.authorization.login.first-delay=PT1S", "aiguillage.authorization.login.lockout-after=4",
				"aiguillage.authorization.login.lockout=PT1H", "aiguillage.authorization.login.network-free-failures=5",
				"aiguillage.authorization.login.network-lockout-after=8" })
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottlingIntegrationTests extends RunningAuthorizationServer {

	private static final String THROTTLED = "Trop de tentatives de connexion. Attendez quelques minutes avant de réessayer.";

	@Test
	void afterTheFreeFailuresEvenTheRightPasswordWaitsItsDelayThenSignsIn() {
		String address = "192.0.2.10";
		fail(address, "coordination.montreal-nord", 3);

		Attempt refused = attempt(address, "coordination.montreal-nord", "coordination-demo");

		assertThat(refused.outcome()).isEqualTo("throttled");
		assertThat(refused.page()).contains(THROTTLED).doesNotContain("Nom d’utilisateur ou mot de passe incorrect.");
		assertThat(refused.page()).containsPattern("id=\"username\"[^>]*value=\"coordination.montreal-nord\"");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> attempt(address, "coordination.montreal-nord", "coordination-demo").outcome(),
					"signed-in"::equals);
	}

	@Test
	void afterTooManyFailuresTheAccountIsLockedOutEvenWithTheRightPassword(CapturedOutput output) {
		String address = "192.0.2.20";
		fail(address, "coordination.outaouais", 4);

		// Longer than the delay a fourth failure would otherwise bring (2 s): only the
		// lockout refuses.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> attempt(address, "coordination.outaouais", "coordination-demo").outcome(),
					"throttled"::equals);
		assertThat(attempt("192.0.2.21", "coordination.outaouais", "coordination-demo").outcome())
			.isEqualTo("throttled");
		assertThat(output.getOut()).contains("Sign-in locked out").doesNotContain("coordination.outaouais");
	}

	@Test
	void anUnknownUsernameIsThrottledWithTheSameWordsAsAnAccount() {
		String address = "192.0.2.30";
		fail(address, "personne.inconnue", 3);

		Attempt refused = attempt(address, "personne.inconnue", "anything-at-all");

		assertThat(refused.outcome()).isEqualTo("throttled");
		assertThat(refused.page()).contains(THROTTLED);
	}

	@Test
	void rotatingAddressesInsideOneIpv6Slash64ShareOneCounter() {
		for (int i = 1; i <= 8; i++) {
			String address = "2001:db8:1:2::" + Integer.toHexString(i);
			String username = "devine-" + i;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> attempt(address, username, "wrong-password").outcome(), "error"::equals);
		}

		assertThat(attempt("2001:db8:1:2:ffff::9", "coordination.laval", "coordination-demo").outcome())
			.isEqualTo("throttled");
		assertThat(attempt("2001:db8:1:3::1", "coordination.laval", "coordination-demo").outcome())
			.isEqualTo("signed-in");
	}

	@Test
	void refusalsAndThrottlingAreCountedWithoutNames() {
		fail("192.0.2.40", "intervenant.gasm-laval", 3);
		attempt("192.0.2.40", "intervenant.gasm-laval", "intervenant-demo");

		String metrics = new UserAgent(this.port).get("/actuator/prometheus", "Accept", "text/plain").body();
		assertThat(metrics).containsPattern("aiguillage_login_failures_total\\{[^}]*\\} [1-9]")
			.containsPattern("aiguillage_login_throttled_total\\{[^}]*scope=\"username\"[^}]*\\} [1-9]")
			.doesNotContain("intervenant.gasm-laval");
	}

	/** Fails the given number of times, each failure once its delay allows it. */
	private void fail(String address, String username, int times) {
		for (int i = 0; i < times; i++) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> attempt(address, username, "not-the-password").outcome(), "error"::equals);
		}
	}

	private Attempt attempt(String address, String username, String password) {
		UserAgent browser = new UserAgent(this.port);
		UserAgent.Answer login = browser.get("/login", "X-Forwarded-For", address);
		UserAgent.Answer answer = browser.post("/login",
				Map.of("username", username, "password", password, "_csrf", login.csrfToken()), "X-Forwarded-For",
				address);
		URI next = URI.create(answer.redirect());
		if (!"/login".equals(next.getPath())) {
			return new Attempt("signed-in", "");
		}
		return new Attempt(next.getQuery(), browser.get(answer.redirect(), "X-Forwarded-For", address).body());
	}

	private record Attempt(String outcome, String page) {
	}

}

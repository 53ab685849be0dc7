package ca.aiguillage.authorization.login;

import java.net.URI;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.UserAgent;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator with an authenticator secret and a coordinator, as a deployment
 * outside the local stack declares them; codes are computed from the secret as an
 * authenticator app does.
 */
@TestPropertySource(properties = { "aiguillage.authorization.administrators-need-second-factor=true",
		"aiguillage.authorization.users[0].username=directrice",
		"aiguillage.authorization.users[0].password={bcrypt}$2a$10$Lnzr5zDnvgw3f53/AHo5EunW53Qu59Oyq2CgBHMXW2rUSxrd.SVIm",
		"aiguillage.authorization.users[0].roles[0]=ADMIN",
		"aiguillage.authorization.users[0].totp-secret=" + SecondFactorIntegrationTests.SECRET,
		"aiguillage.authorization.users[1].username=coordination.laval",
		"aiguillage.authorization.users[1].password={bcrypt}$2a$10$3oE.b8Wr4PAJJ5paPmRuledGt09jWjAo6dAaBJs6itTPE8GWcGEIW",
		"aiguillage.authorization.users[1].roles[0]=COORDINATOR",
		"aiguillage.authorization.users[1].organization-id=org-laval",
		// Each refused attempt below is one failure of its account: none may throttle the
		// next.
		"aiguillage.authorization.login.free-failures=50" })
class SecondFactorIntegrationTests extends RunningAuthorizationServer {

	static final String SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";

	// The demo hash above is the password admin-demo's.
	private static final String PASSWORD = "admin-demo";

	@Test
	void theSignInPageAsksForTheCode() {
		assertThat(new UserAgent(this.port).get("/login").body()).contains("name=\"code\"",
				"autocomplete=\"one-time-code\"", "Code de vérification (administrateurs)");
	}

	@Test
	void anAdministratorWithTheRightPasswordButNoCodeIsRefusedLikeAWrongPassword() {
		assertThat(signIn("directrice", PASSWORD, "")).isEqualTo("/login?error");
	}

	@Test
	void anAdministratorWithAWrongCodeIsRefused() {
		String wrong = code(Instant.now().minus(Duration.ofMinutes(10)));

		assertThat(signIn("directrice", PASSWORD, wrong)).isEqualTo("/login?error");
	}

	@Test
	void anAdministratorWithTheCurrentCodeSignsInAndTheSameCodeIsRefusedAfterwards() {
		String current = code(Instant.now());

		assertThat(signIn("directrice", PASSWORD, current)).isNotEqualTo("/login?error");
		assertThat(signIn("directrice", PASSWORD, current)).isEqualTo("/login?error");
	}

	@Test
	void aRightCodeDoesNotMakeUpForAWrongPassword() {
		assertThat(signIn("directrice", "not-the-password", code(Instant.now().plusSeconds(30))))
			.isEqualTo("/login?error");
	}

	@Test
	void aCoordinatorSignsInWithThePasswordAlone() {
		assertThat(signIn("coordination.laval", "coordination-demo", "")).isNotEqualTo("/login?error");
	}

	private String signIn(String username, String password, String code) {
		UserAgent browser = new UserAgent(this.port);
		UserAgent.Answer login = browser.get("/login");
		UserAgent.Answer answer = browser.post("/login",
				Map.of("username", username, "password", password, "code", code, "_csrf", login.csrfToken()));
		URI next = URI.create(answer.redirect());
		return next.getPath() + ((next.getQuery() != null) ? "?" + next.getQuery() : "");
	}

	private static String code(Instant at) {
		try {
			return new TimeBasedOneTimePasswordGenerator()
				.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(SECRET), "HmacSHA1"), at);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

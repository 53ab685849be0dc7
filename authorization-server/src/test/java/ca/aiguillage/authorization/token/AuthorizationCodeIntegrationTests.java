package ca.aiguillage.authorization.token;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import java.net.URI;
import java.util.Map;

import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.UserAgent;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinators' console signing a person in: authorization code with PKCE, over HTTP.
 */
class AuthorizationCodeIntegrationTests extends RunningAuthorizationServer {

	private static final String CONSOLE = "aiguillage-console";

	private static final String CALLBACK = "http://127.0.0.1:8083/login/oauth2/code/aiguillage";

	@Test
	void coordinatorSigningInToTheConsoleGetsATokenForTheirOrganization() throws Exception {
		JWTClaimsSet claims = IssuedTokens.verified(signInToTheConsole("coordination.laval", "coordination-demo"),
				this.port);

		assertThat(claims.getSubject()).isEqualTo("coordination.laval");
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
		assertThat(claims.getAudience()).contains("aiguillage");
		assertThat(claims.getStringListClaim("roles")).containsExactly("COORDINATOR");
		assertThat(claims.getStringClaim("organization_id")).isEqualTo("org-laval");
		assertThat(claims.getClaims()).doesNotContainKey("partner_id");
	}

	@Test
	void partnerStaffSigningInGetsATokenForTheirPartner() throws Exception {
		JWTClaimsSet claims = IssuedTokens.verified(signInToTheConsole("intervenant.ahuntsic", "intervenant-demo"),
				this.port);

		assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER");
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("clsc-ahuntsic");
		assertThat(claims.getClaims()).doesNotContainKey("organization_id");
	}

	@Test
	void administratorTokenHasOnlyTheAdminRole() throws Exception {
		JWTClaimsSet claims = IssuedTokens.verified(signInToTheConsole("admin", "admin-demo"), this.port);

		assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
		assertThat(claims.getClaims()).doesNotContainKeys("organization_id", "partner_id");
	}

	@Test
	void authorizationRequestWithoutPkceIsRefused() {
		UserAgent.Answer answer = new UserAgent(this.port).get(UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", CONSOLE)
			.queryParam("redirect_uri", CALLBACK)
			.queryParam("scope", "openid profile")
			.queryParam("state", "s1")
			.encode()
			.toUriString());

		assertThat(answer.status()).isEqualTo(302);
		assertThat(ConsoleSignIn.parameter(URI.create(answer.redirect()), "error")).isEqualTo("invalid_request");
	}

	@Test
	void codeWithoutItsVerifierIsRefused() {
		UserAgent browser = new UserAgent(this.port);
		String code = ConsoleSignIn.authorizationCode(browser, "coordination.laval", "coordination-demo",
				ConsoleSignIn.challenge(ConsoleSignIn.verifier()));

		UserAgent.Answer answer = new UserAgent(this.port).post("/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK, "client_id", CONSOLE,
						"code_verifier", ConsoleSignIn.verifier()));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("invalid_grant").doesNotContain("access_token");
	}

	private String signInToTheConsole(String username, String password) {
		return ConsoleSignIn.accessToken(this.port, username, password);
	}

}

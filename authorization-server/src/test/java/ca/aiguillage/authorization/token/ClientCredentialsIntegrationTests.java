package ca.aiguillage.authorization.token;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.UserAgent;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClientCredentialsIntegrationTests extends RunningAuthorizationServer {

	@Test
	void demoPartnerGetsAJwtSignedWithAKeyFromTheJwkSet() throws Exception {
		UserAgent.Answer answer = clientCredentials("demo-partner", "demo-partner-secret");

		assertThat(answer.status()).isEqualTo(200);
		JWTClaimsSet claims = IssuedTokens.verified(accessToken(answer), this.port);
		assertThat(claims.getSubject()).isEqualTo("demo-partner");
	}

	@Test
	void demoPartnerTokenStatesIssuerAudienceRolesAndPartner() throws Exception {
		JWTClaimsSet claims = IssuedTokens
			.verified(accessToken(clientCredentials("demo-partner", "demo-partner-secret")), this.port);

		assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
		assertThat(claims.getAudience()).contains("aiguillage");
		assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER");
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("demo-partner");
		assertThat(claims.getClaims()).doesNotContainKey("organization_id");
	}

	@Test
	void accessTokenExpiresAfterFifteenMinutes() throws Exception {
		JWTClaimsSet claims = IssuedTokens
			.verified(accessToken(clientCredentials("demo-partner", "demo-partner-secret")), this.port);

		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(15));
		assertThat(claims.getExpirationTime().toInstant()).isCloseTo(Instant.now().plus(Duration.ofMinutes(15)),
				within(Duration.ofMinutes(1)));
	}

	@Test
	void clscRecordsSystemActsForItsClsc() throws Exception {
		UserAgent.Answer answer = new UserAgent(this.port).post("/oauth2/token", Map.of("grant_type",
				"client_credentials", "client_id", "clsc-ahuntsic-records", "client_secret", "clsc-ahuntsic-secret"));

		JWTClaimsSet claims = IssuedTokens.verified(accessToken(answer), this.port);
		assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER");
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("clsc-ahuntsic");
	}

	@Test
	void wrongClientSecretIsRefusedWith401() {
		UserAgent.Answer answer = clientCredentials("demo-partner", "not-the-secret");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.body()).contains("invalid_client").doesNotContain("access_token");
	}

	@Test
	void jwkSetPublishesOnlyThePublicKey() throws Exception {
		JWKSet published = JWKSet.parse(new UserAgent(this.port).getJson("/oauth2/jwks").body());

		assertThat(published.getKeys()).singleElement().satisfies((key) -> {
			assertThat(key.getKeyType().getValue()).isEqualTo("RSA");
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.toRSAKey().size()).isGreaterThanOrEqualTo(2048);
		});
	}

	@Test
	void discoveryDocumentNamesTheConfiguredIssuerAndItsEndpoints() {
		UserAgent.Answer discovery = new UserAgent(this.port).getJson("/.well-known/openid-configuration");

		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.<String>json("$.issuer")).isEqualTo("http://localhost:9000");
		assertThat(discovery.<String>json("$.jwks_uri")).isEqualTo("http://localhost:9000/oauth2/jwks");
		assertThat(discovery.<String>json("$.token_endpoint")).isEqualTo("http://localhost:9000/oauth2/token");
	}

	@Test
	void healthIsOpenWithoutAToken() {
		UserAgent.Answer health = new UserAgent(this.port).getJson("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.<String>json("$.status")).isEqualTo("UP");
	}

	private UserAgent.Answer clientCredentials(String clientId, String secret) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
		return new UserAgent(this.port).post("/oauth2/token", Map.of("grant_type", "client_credentials"),
				"Authorization", "Basic " + basic, "Accept", "application/json");
	}

	private static String accessToken(UserAgent.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json("$.access_token");
	}

}

package ca.aiguillage.authorization.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.authorization.RunningAuthorizationServer;
import ca.aiguillage.testing.UserAgent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMART Backend Services: a partner system registered with its JWK Set URL obtains a
 * token with a JWT assertion signed by its private key ({@code private_key_jwt}, RS384),
 * never with a secret.
 */
class PrivateKeyJwtIntegrationTests extends RunningAuthorizationServer {

	private static final RSAKey KEY = key();

	private static final RSAKey STRANGER = key();

	private static final HttpServer JWKS = jwks();

	@DynamicPropertySource
	static void partnerSystemWithItsJwkSet(DynamicPropertyRegistry registry) {
		registry.add("aiguillage.authorization.systems[0].client-id", () -> "clsc-ahuntsic-ehr");
		registry.add("aiguillage.authorization.systems[0].roles", () -> "PARTNER");
		registry.add("aiguillage.authorization.systems[0].partner-id", () -> "clsc-ahuntsic");
		registry.add("aiguillage.authorization.systems[0].jwk-set-url",
				() -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
	}

	@Test
	void systemSigningAnAssertionWithItsKeyGetsAPartnerToken() throws Exception {
		UserAgent.Answer answer = token(assertion(KEY, "clsc-ahuntsic-ehr"));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JWTClaimsSet claims = IssuedTokens.verified(answer.json("$.access_token"), this.port);
		assertThat(claims.getSubject()).isEqualTo("clsc-ahuntsic-ehr");
		assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER");
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("clsc-ahuntsic");
	}

	@Test
	void assertionSignedWithAnotherKeyOrASecretIsRefused() throws Exception {
		UserAgent.Answer stranger = token(assertion(STRANGER, "clsc-ahuntsic-ehr"));
		UserAgent.Answer secret = new UserAgent(this.port).post("/oauth2/token", Map.of("grant_type",
				"client_credentials", "client_id", "clsc-ahuntsic-ehr", "client_secret", "anything"));

		assertThat(stranger.status()).isEqualTo(401);
		assertThat(stranger.body()).contains("invalid_client").doesNotContain("access_token");
		assertThat(secret.status()).isEqualTo(401);
	}

	private UserAgent.Answer token(String assertion) {
		// Spring Authorization Server asks for the client_id beside the assertion (RFC
		// 7523
		// allows it).
		return new UserAgent(this.port).post("/oauth2/token",
				Map.of("grant_type", "client_credentials", "client_id", "clsc-ahuntsic-ehr", "client_assertion_type",
						"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion));
	}

	private static String assertion(RSAKey key, String clientId) throws JOSEException {
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(clientId)
					.subject(clientId)
					.audience(List.of("http://localhost:9000/oauth2/token", "http://localhost:9000"))
					.jwtID(UUID.randomUUID().toString())
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(240)))
					.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer jwks() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] published = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, published.length);
				exchange.getResponseBody().write(published);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

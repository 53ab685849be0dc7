package ca.aiguillage.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A token issuer for tests: its public keys are served over real HTTP on loopback, as an
 * authorization server's JWKS endpoint, and it signs real JWTs with the same claims the
 * authorization server puts in access tokens. It also makes the bad tokens services must
 * refuse.
 */
public final class TestIssuer {

	/** The audience every Aiguillage service requires. */
	public static final String AUDIENCE = "aiguillage";

	private static @Nullable TestIssuer instance;

	private final RSAKey key;

	private final RSAKey otherKey;

	private final String issuer;

	private TestIssuer(RSAKey key, RSAKey otherKey, String issuer) {
		this.key = key;
		this.otherKey = otherKey;
		this.issuer = issuer;
	}

	/**
	 * The issuer of this test JVM, started on first use.
	 * @return the issuer
	 */
	public static synchronized TestIssuer get() {
		if (instance == null) {
			try {
				RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
				RSAKey otherKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
				server.createContext("/oauth2/jwks", (exchange) -> {
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, jwks.length);
					try (OutputStream body = exchange.getResponseBody()) {
						body.write(jwks);
					}
				});
				String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
				TestIssuer created = new TestIssuer(key, otherKey, issuer);
				server.createContext("/oauth2/token", created::issueServiceToken);
				server.setExecutor(null);
				server.start();
				instance = created;
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return instance;
	}

	public String issuer() {
		return this.issuer;
	}

	public String jwkSetUri() {
		return this.issuer + "/oauth2/jwks";
	}

	/** A valid access token of an administrator. */
	public String admin() {
		return sign(claims("admin", List.of("ADMIN"), null, null).build(), this.key);
	}

	/** A valid access token of a coordinator of one organization. */
	public String coordinator(String organizationId) {
		return sign(claims("coordination." + organizationId, List.of("COORDINATOR"), organizationId, null).build(),
				this.key);
	}

	/**
	 * A valid access token of a coordinator without the organization claim, as a claim
	 * mapper's mistake would issue it.
	 * @return the token
	 */
	public String coordinatorWithoutOrganization() {
		return sign(claims("coordination.unmapped", List.of("COORDINATOR"), null, null).build(), this.key);
	}

	/** A valid access token of a referring partner's system or staff. */
	public String partner(String partnerId) {
		return sign(claims(partnerId + "-records", List.of("PARTNER"), null, partnerId).build(), this.key);
	}

	/**
	 * A validly signed partner token that lacks its {@code partner_id} claim: services
	 * must refuse it.
	 */
	public String partnerWithoutPartnerId() {
		return sign(claims("unmapped-records", List.of("PARTNER"), null, null).build(), this.key);
	}

	/**
	 * A valid access token of another Aiguillage service (client credentials).
	 * @param clientId the service's client id, such as {@code notification-service}
	 * @return the token
	 */
	public String service(String clientId) {
		return sign(claims(clientId, List.of("SERVICE"), null, null).build(), this.key);
	}

	/**
	 * The token endpoint: the client-credentials grant for service clients, whose secret
	 * in tests is always {@code <client id>-secret}, sent with HTTP Basic.
	 * @return the token endpoint's URL
	 */
	public String tokenUri() {
		return this.issuer + "/oauth2/token";
	}

	private void issueServiceToken(HttpExchange exchange) throws IOException {
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String clientId = null;
		if (authorization != null && authorization.startsWith("Basic ")) {
			String[] credentials = new String(Base64.getDecoder().decode(authorization.substring(6)),
					StandardCharsets.UTF_8)
				.split(":", 2);
			String id = URLDecoder.decode(credentials[0], StandardCharsets.UTF_8);
			if (credentials.length == 2
					&& URLDecoder.decode(credentials[1], StandardCharsets.UTF_8).equals(id + "-secret")) {
				clientId = id;
			}
		}
		boolean clientCredentials = Arrays.asList(form.split("&")).contains("grant_type=client_credentials");
		String json;
		int status;
		if (clientId == null) {
			status = 401;
			json = "{\"error\":\"invalid_client\"}";
		}
		else if (!clientCredentials) {
			status = 400;
			json = "{\"error\":\"unsupported_grant_type\"}";
		}
		else {
			status = 200;
			json = "{\"access_token\":\"" + service(clientId) + "\",\"token_type\":\"Bearer\",\"expires_in\":900}";
		}
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** A token that expired a minute ago. */
	public String expired() {
		Instant past = Instant.now().minus(Duration.ofMinutes(16));
		return sign(claims("admin", List.of("ADMIN"), null, null).issueTime(Date.from(past))
			.expirationTime(Date.from(past.plus(Duration.ofMinutes(15))))
			.build(), this.key);
	}

	/** A token with no signature at all ({@code alg: none}). */
	public String unsigned() {
		return new PlainJWT(claims("admin", List.of("ADMIN"), null, null).build()).serialize();
	}

	/** A token signed by a key the issuer does not publish. */
	public String wronglySigned() {
		return sign(claims("admin", List.of("ADMIN"), null, null).build(), this.otherKey);
	}

	/** A token meant for another audience. */
	public String wrongAudience() {
		return sign(claims("admin", List.of("ADMIN"), null, null).audience("another-api").build(), this.key);
	}

	/** A token from another issuer. */
	public String wrongIssuer() {
		return sign(claims("admin", List.of("ADMIN"), null, null).issuer("http://127.0.0.1:1/other").build(), this.key);
	}

	private JWTClaimsSet.Builder claims(String subject, List<String> roles, @Nullable String organizationId,
			@Nullable String partnerId) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.audience(new ArrayList<>(List.of(AUDIENCE)))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles);
		if (organizationId != null) {
			claims.claim("organization_id", organizationId);
		}
		if (partnerId != null) {
			claims.claim("partner_id", partnerId);
		}
		return claims;
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ca.aiguillage.testing.TestIssuer;
import com.sun.net.httpserver.HttpExchange;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * An Aiguillage service's endpoint that only notification-service may call: 401 without a
 * valid token and 403 for any caller but the notification-service client with role
 * SERVICE. Tokens are checked against the test issuer's published keys.
 */
abstract class ServiceEndpointStub extends LoopbackServer {

	private final JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(TestIssuer.get().jwkSetUri()).build();

	private final AtomicInteger authorizedCalls = new AtomicInteger();

	ServiceEndpointStub(String path) {
		super(path);
	}

	/** How many calls came with notification-service's own valid token. */
	public int authorizedCalls() {
		return this.authorizedCalls.get();
	}

	public String url() {
		return baseUrl();
	}

	abstract void handleAuthorized(HttpExchange exchange) throws IOException;

	@Override
	final void handle(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		Jwt jwt;
		try {
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				throw new JwtException("no bearer token");
			}
			jwt = this.decoder.decode(authorization.substring(7));
		}
		catch (JwtException ex) {
			answer(exchange, 401, "application/problem+json", "{\"status\":401}");
			return;
		}
		List<String> roles = jwt.getClaimAsStringList("roles");
		if (!"notification-service".equals(jwt.getSubject()) || roles == null || !roles.contains("SERVICE")) {
			answer(exchange, 403, "application/problem+json", "{\"status\":403}");
			return;
		}
		this.authorizedCalls.incrementAndGet();
		handleAuthorized(exchange);
	}

}

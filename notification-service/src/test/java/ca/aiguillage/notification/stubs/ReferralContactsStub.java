package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import ca.aiguillage.testing.TestIssuer;
import com.sun.net.httpserver.HttpExchange;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * referral-service's contact endpoint as its contract says: 200 with the contact, 404 for
 * an unknown referral, 401 without a valid token and 403 for any caller but the
 * notification-service client. Tokens are checked against the test issuer's published
 * keys.
 */
public final class ReferralContactsStub extends LoopbackServer {

	private static final String PREFIX = "/api/v1/referrals/";

	private final JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(TestIssuer.get().jwkSetUri()).build();

	private final Map<String, String> contacts = new ConcurrentHashMap<>();

	private final AtomicInteger authorizedCalls = new AtomicInteger();

	ReferralContactsStub() {
		super(PREFIX);
	}

	/** Registers how a referral's client may be reached. */
	public void register(String referralId, String language, String email, String mobilePhone, boolean emailConsent,
			boolean smsConsent) {
		this.contacts.put(referralId, "{\"referralId\":\"" + referralId + "\",\"preferredLanguage\":\"" + language
				+ "\",\"firstName\":\"Alex\",\"email\":" + quoted(email) + ",\"mobilePhone\":" + quoted(mobilePhone)
				+ ",\"consent\":{\"email\":" + emailConsent + ",\"sms\":" + smsConsent + "}}");
	}

	/** How many calls came with notification-service's own valid token. */
	public int authorizedCalls() {
		return this.authorizedCalls.get();
	}

	public String url() {
		return baseUrl();
	}

	@Override
	void handle(HttpExchange exchange) throws IOException {
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
		String path = exchange.getRequestURI().getPath();
		String referralId = path.substring(PREFIX.length()).replaceFirst("/contact$", "");
		String contact = this.contacts.get(referralId);
		if (!path.endsWith("/contact") || contact == null) {
			answer(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Introuvable\"}");
			return;
		}
		answer(exchange, 200, "application/json", contact);
	}

	private static String quoted(String value) {
		return (value == null) ? "null" : "\"" + value + "\"";
	}

}

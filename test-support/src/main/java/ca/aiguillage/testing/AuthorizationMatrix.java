package ca.aiguillage.testing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authorization matrix: one readable row per endpoint, caller and tenant, with the
 * status expected. {@link #assertEveryEndpointHasARow} makes a new endpoint without rows
 * fail.
 */
public final class AuthorizationMatrix {

	private static final String PLATFORM = "ca.aiguillage.platform";

	private AuthorizationMatrix() {
	}

	/**
	 * One cell of the matrix.
	 *
	 * @param method the HTTP method
	 * @param pattern the endpoint's mapping, such as {@code /api/v1/referrals/{id}}
	 * @param path the path called, with fixture ids already in it
	 * @param caller who calls: {@code anonymous}, {@code admin},
	 * {@code service:<client id>}, {@code coordinator:<organization>},
	 * {@code partner:<partner>}, {@code client-link} (a client's one-time link token, as
	 * notification-service sends it, presented as a bearer token), or a tenant role whose
	 * tenant claim is missing: {@code coordinator-without-organization},
	 * {@code partner-without-partner-id}
	 * @param expected the status expected
	 * @param body the JSON body, or null
	 */
	public record Row(String method, String pattern, String path, String caller, int expected, @Nullable String body) {

		/**
		 * This cell with a fixture id in place of a placeholder of its path.
		 * @param placeholder such as {@code MINE}
		 * @param value the id created for the test
		 * @return the cell to call
		 */
		public Row with(String placeholder, String value) {
			return new Row(this.method, this.pattern, this.path.replace(placeholder, value), this.caller, this.expected,
					this.body);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + " as " + this.caller + " → " + this.expected;
		}

	}

	public static Row row(String method, String pattern, String path, String caller, int expected) {
		return new Row(method, pattern, path, caller, expected, null);
	}

	public static Row row(String method, String pattern, String path, String caller, int expected, String body) {
		return new Row(method, pattern, path, caller, expected, body);
	}

	/**
	 * Calls one cell as its caller, with a real token from the test issuer.
	 * @param service the service, without credentials
	 * @param tokens the issuer
	 * @param row the cell
	 * @return the answer, whose status the caller asserts
	 */
	public static Http.Answer call(Http service, TestIssuer tokens, Row row) {
		return as(service, tokens, row.caller()).call(row.method(), row.path(), row.body());
	}

	/**
	 * A client calling as someone.
	 * @param service the service, without credentials
	 * @param tokens the issuer
	 * @param caller as in {@link Row#caller()}
	 * @return the client
	 */
	public static Http as(Http service, TestIssuer tokens, String caller) {
		String[] parts = caller.split(":", 2);
		return switch (parts[0]) {
			case "anonymous" -> service;
			case "admin" -> service.withToken(tokens.admin());
			case "coordinator" -> service.withToken(tokens.coordinator(parts[1]));
			case "partner" -> service.withToken(tokens.partner(parts[1]));
			case "service" -> service.withToken(tokens.service(parts[1]));
			case "coordinator-without-organization" -> service.withToken(tokens.coordinatorWithoutOrganization());
			case "partner-without-partner-id" -> service.withToken(tokens.partnerWithoutPartnerId());
			case "client-link" -> service.withToken(clientLink());
			default -> throw new IllegalArgumentException("Unknown caller " + caller);
		};
	}

	/**
	 * A client's one-time link token as notification-service issues them ({@code <id and
	 * expiry>.<HMAC>}, base64url): what a client holds, never an access token.
	 * @return a token of that shape, signed with no key any service knows
	 */
	public static String clientLink() {
		byte[] payload = new byte[20];
		byte[] signature = new byte[16];
		ThreadLocalRandom.current().nextBytes(payload);
		ThreadLocalRandom.current().nextBytes(signature);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(payload) + "." + encoder.encodeToString(signature);
	}

	/**
	 * The cells a token missing its tenant claim calls: for each endpoint of the matrix,
	 * its first row's path called by a coordinator without its organization and by a
	 * partner without its partner id, expecting what an anonymous caller gets (a token
	 * that names no tenant is never worth more than no token).
	 * @param rows the matrix
	 * @return two cells per endpoint, each expecting the anonymous row's status
	 */
	public static List<Row> withoutTenantClaims(List<Row> rows) {
		Map<String, Row> anonymousByEndpoint = new LinkedHashMap<>();
		rows.stream()
			.filter(row -> row.caller().equals("anonymous"))
			.forEach(row -> anonymousByEndpoint.putIfAbsent(row.method() + " " + row.pattern(), row));
		List<Row> cells = new ArrayList<>();
		for (Row anonymous : anonymousByEndpoint.values()) {
			for (String caller : List.of("coordinator-without-organization", "partner-without-partner-id")) {
				cells.add(new Row(anonymous.method(), anonymous.pattern(), anonymous.path(), caller,
						anonymous.expected(), anonymous.body()));
			}
		}
		return cells;
	}

	/**
	 * Fails when an endpoint of the service has no row for anonymous, partner,
	 * coordinator and administrator callers. The platform's own endpoints (such as dead
	 * letters) are left out: the platform's tests hold their matrix.
	 * @param mapping the service's handler mapping
	 * @param rows the matrix
	 */
	public static void assertEveryEndpointHasARow(RequestMappingHandlerMapping mapping, List<Row> rows) {
		assertEveryEndpointHasARow(mapping, rows, List.of("anonymous", "partner", "coordinator", "admin"));
	}

	/**
	 * Fails when an endpoint of the service has no row for one of the kinds of callers
	 * given (the platform's own endpoints left out).
	 * @param mapping the service's handler mapping
	 * @param rows the matrix
	 * @param callers the kinds of callers every endpoint needs a row for, such as
	 * {@code service} or {@code client-link}
	 */
	public static void assertEveryEndpointHasARow(RequestMappingHandlerMapping mapping, List<Row> rows,
			List<String> callers) {
		Set<String> endpoints = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			if (entry.getValue().getBeanType().getPackageName().startsWith(PLATFORM)) {
				// Endpoints every service gets from the platform have their matrix in the
				// platform's own tests.
				continue;
			}
			RequestMappingInfo info = entry.getKey();
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/error")) {
					continue;
				}
				info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(method.name() + " " + pattern));
			}
		}
		List<String> missing = new ArrayList<>();
		for (String endpoint : endpoints) {
			for (String caller : callers) {
				boolean covered = rows.stream()
					.anyMatch(row -> endpoint.equals(row.method() + " " + row.pattern())
							&& row.caller().split(":")[0].equals(caller));
				if (!covered) {
					missing.add(endpoint + " as " + caller);
				}
			}
		}
		assertThat(endpoints).isNotEmpty();
		assertThat(missing).as("endpoints without a row in the authorization matrix").isEmpty();
	}

}

package ca.aiguillage.matching.directory;

import java.util.List;
import java.util.stream.Stream;

import ca.aiguillage.testing.AuthorizationMatrix.Row;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.EndpointAuthorization;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static ca.aiguillage.testing.AuthorizationMatrix.row;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class DirectoryAuthorizationTests extends EndpointAuthorization {

	static final String LIST = "/api/v1/therapists";

	static final String ONE = "/api/v1/therapists/{id}";

	/** A therapist of organization auth-x, created once for the matrix. */
	static final String THEIRS_OF_X = "/api/v1/therapists/auth-x-t1";

	static final String NEW_OF_X = "/api/v1/therapists/auth-x-t2";

	static final String NEW_OF_Y = "/api/v1/therapists/auth-y-t1";

	static final String ORGANIZATIONS = "/api/v1/organizations";

	static final String CANDIDATES = "/api/v1/referrals/{referralId}/override-candidates";

	/** A referral matching never saw: who may ask learns only that it is not found. */
	static final String CANDIDATES_OF_UNKNOWN = "/api/v1/referrals/r-unknown/override-candidates";

	static Stream<Row> matrix() {
		return Stream.concat(api(), pages());
	}

	/**
	 * The directory's pages take no bearer token: without a session every caller is sent
	 * to sign in, and a form post without the session's CSRF token is refused.
	 */
	static Stream<Row> pages() {
		return Stream.of("anonymous", "partner:clsc-a", "coordinator:auth-x", "admin")
			.flatMap(caller -> Stream.of(row("GET", "/directory", "/directory", caller, 302),
					row("GET", "/directory/therapists/new", "/directory/therapists/new", caller, 302),
					row("GET", "/directory/therapists/{id}", "/directory/therapists/auth-x-t1", caller, 302),
					row("GET", "/directory/therapists/{id}/caseload", "/directory/therapists/auth-x-t1/caseload",
							caller, 302),
					row("POST", "/directory/therapists", "/directory/therapists", caller, 403, "{}"),
					row("POST", "/directory/therapists/{id}", "/directory/therapists/auth-x-t1", caller, 403, "{}")));
	}

	static Stream<Row> api() {
		return Stream.of(
		// @formatter:off
			row("GET", LIST, LIST,                             "anonymous",          401),
			row("GET", LIST, LIST,                             "partner:clsc-a",     403),
			row("GET", LIST, LIST,                             "coordinator:auth-x", 200),
			row("GET", LIST, LIST + "?organizationId=auth-y",  "coordinator:auth-x", 403),
			row("GET", LIST, LIST,                             "admin",              200),
			row("GET", ONE,  THEIRS_OF_X,                      "anonymous",          401),
			row("GET", ONE,  THEIRS_OF_X,                      "partner:clsc-a",     403),
			row("GET", ONE,  THEIRS_OF_X,                      "coordinator:auth-x", 200),
			row("GET", ONE,  THEIRS_OF_X,                      "coordinator:auth-y", 404),
			row("GET", ONE,  THEIRS_OF_X,                      "admin",              200),
			row("PUT", ONE,  NEW_OF_X,                         "anonymous",          401, profile("auth-x")),
			row("PUT", ONE,  NEW_OF_X,                         "partner:clsc-a",     403, profile("auth-x")),
			row("PUT", ONE,  THEIRS_OF_X,                      "coordinator:auth-x", 200, profile("auth-x")),
			row("PUT", ONE,  NEW_OF_Y,                         "coordinator:auth-x", 403, profile("auth-y")),
			row("PUT", ONE,  THEIRS_OF_X,                      "coordinator:auth-y", 404, profile("auth-y")),
			row("PUT", ONE,  NEW_OF_X,                         "admin",              201, profile("auth-x")),
			row("GET", ORGANIZATIONS, ORGANIZATIONS,           "anonymous",          401),
			row("GET", ORGANIZATIONS, ORGANIZATIONS,           "partner:clsc-a",     200),
			row("GET", ORGANIZATIONS, ORGANIZATIONS,           "coordinator:auth-x", 200),
			row("GET", ORGANIZATIONS, ORGANIZATIONS,           "admin",              200),
			row("GET", CANDIDATES, CANDIDATES_OF_UNKNOWN,      "anonymous",          401),
			row("GET", CANDIDATES, CANDIDATES_OF_UNKNOWN,      "partner:clsc-a",     403),
			row("GET", CANDIDATES, CANDIDATES_OF_UNKNOWN,      "coordinator:auth-x", 404),
			row("GET", CANDIDATES, CANDIDATES_OF_UNKNOWN,      "admin",              404)
		// @formatter:on
		);
	}

	static String profile(String organization) {
		return """
				{"organizationId": "%s", "firstName": "Nadia", "approaches": ["COGNITIVE_BEHAVIOURAL"],
				 "languages": ["fr"], "clienteles": ["ADULT"], "modalities": ["VIDEO"],
				 "availability": [{"day": "TUESDAY", "start": "10:00", "end": "12:00"}],
				 "places": 2, "lowFeePlaces": 0, "active": true}
				""".formatted(organization);
	}

	@BeforeEach
	void therapistOfOrganizationX() {
		Http.Answer answer = this.http.putJson(THEIRS_OF_X, profile("auth-x"));
		assertThat(answer.status()).isIn(200, 201);
	}

	@Test
	void coordinatorListsOnlyTheirOrganizationsTherapists() {
		Http.Answer list = this.anonymous.withToken(this.tokens.coordinator("auth-x")).get(LIST + "?size=100");

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.<List<String>>json("$.content[*].organizationId")).isNotEmpty().containsOnly("auth-x");
	}

}

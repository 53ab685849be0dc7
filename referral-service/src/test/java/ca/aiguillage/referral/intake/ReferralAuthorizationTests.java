package ca.aiguillage.referral.intake;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ca.aiguillage.testing.AuthorizationMatrix.Row;
import ca.aiguillage.testing.EndpointAuthorization;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.test.context.TestPropertySource;

import static ca.aiguillage.testing.AuthorizationMatrix.row;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ReferralAuthorizationTests extends EndpointAuthorization {

	static final String EXAMPLE = ExampleReferrals.someone()
		.replace("\"client\":", "\"targetOrganizationId\": \"org-x\",\n  \"client\":");

	static final String REFERRALS = "/api/v1/referrals";

	static final String REFERRAL = "/api/v1/referrals/{id}";

	/** MINE stands for a referral that partner clsc-a sent to organization org-x. */
	static final String MINE = "/api/v1/referrals/MINE";

	static final String TRAIL = "/api/v1/access-trail";

	static final String WITHDRAWAL = "/api/v1/referrals/{id}/withdrawal";

	static final String CONTACT = "/api/v1/referrals/{id}/contact";

	static final String IDENTITY = "/api/v1/referrals/{id}/identity";

	static final String DUPLICATES = "/api/v1/referrals/{id}/possible-duplicates";

	static final String LINK = "/api/v1/referrals/{id}/possible-duplicates/{otherId}/link";

	static final String SEPARATE = "/api/v1/referrals/{id}/possible-duplicates/{otherId}/separate";

	static final String ROTATION = "/api/v1/admin/privacy/key-rotation";

	static final String REENCRYPTION = "/api/v1/admin/privacy/re-encryption";

	static final String EXPORT = "/api/v1/admin/people/{referralId}/export";

	static final String SCALES = "/api/v1/fee-scales";

	static final String SCALE = "/api/v1/fee-scales/{id}";

	/** A scale used by no organization of the other tests. */
	static final String MATRIX_SCALE = Fixtures
		.repositoryFile("referral-service/src/main/resources/fee-scales/example.json")
		.replace("\"id\": \"example\"", "\"id\": \"matrix\"")
		.replace("\"organizationIds\": []", "\"organizationIds\": [\"org-matrix\"]");

	static final String SELF = "/api/v1/self-referrals";

	static final String CSRF = "/api/v1/self-referrals/csrf";

	static final String DOCS = "/v3/api-docs";

	static final String DOCS_YAML = "/v3/api-docs.yaml";

	static final String UI_CONFIG = "/v3/api-docs/swagger-config";

	static final String UI = "/swagger-ui.html";

	static final String TODAY = TRAIL + "?from=" + java.time.LocalDate.now().minusDays(1) + "&to="
			+ java.time.LocalDate.now().plusDays(1);

	static final String UNKNOWN = "/api/v1/referrals/" + UUID.randomUUID();

	static String mine;

	static Stream<Row> matrix() {
		return Stream.of(
		// @formatter:off
			row("POST", REFERRALS, REFERRALS, "anonymous",         401, EXAMPLE),
			row("POST", REFERRALS, REFERRALS, "partner:clsc-a",    201, EXAMPLE),
			row("POST", REFERRALS, REFERRALS, "coordinator:org-x", 403, EXAMPLE),
			row("POST", REFERRALS, REFERRALS, "admin",             201, EXAMPLE),
			// Pages: a bearer token signs no one in, every caller is sent to sign in
			// (the portal) or needs the form's CSRF token (every POST).
			row("GET",  "/partner", "/partner", "anonymous", 302),
			row("GET",  "/partner/referrals", "/partner/referrals", "anonymous", 302),
			row("GET",  "/partner/referrals/new", "/partner/referrals/new", "anonymous", 302),
			row("GET",  "/partner/referrals/rows", "/partner/referrals/rows", "anonymous", 302),
			row("GET",  "/partner/referrals/{id}", "/partner/referrals/MINE", "anonymous", 302),
			row("GET",  "/", "/", "anonymous", 401),
			row("POST", "/partner/referrals", "/partner/referrals", "anonymous", 403, EXAMPLE),
			row("GET",  "/self-referral", "/self-referral", "anonymous", 200),
			row("POST", "/self-referral", "/self-referral", "anonymous", 403),
			row("POST", "/self-referral/consent", "/self-referral/consent", "anonymous", 403),
			row("GET",  "/partner", "/partner", "partner:clsc-a", 302),
			row("GET",  "/partner/referrals", "/partner/referrals", "partner:clsc-a", 302),
			row("GET",  "/partner/referrals/new", "/partner/referrals/new", "partner:clsc-a", 302),
			row("GET",  "/partner/referrals/rows", "/partner/referrals/rows", "partner:clsc-a", 302),
			row("GET",  "/partner/referrals/{id}", "/partner/referrals/MINE", "partner:clsc-a", 302),
			row("GET",  "/", "/", "partner:clsc-a", 302),
			row("POST", "/partner/referrals", "/partner/referrals", "partner:clsc-a", 403, EXAMPLE),
			row("GET",  "/self-referral", "/self-referral", "partner:clsc-a", 200),
			row("POST", "/self-referral", "/self-referral", "partner:clsc-a", 403),
			row("POST", "/self-referral/consent", "/self-referral/consent", "partner:clsc-a", 403),
			row("GET",  "/partner", "/partner", "coordinator:org-x", 302),
			row("GET",  "/partner/referrals", "/partner/referrals", "coordinator:org-x", 302),
			row("GET",  "/partner/referrals/new", "/partner/referrals/new", "coordinator:org-x", 302),
			row("GET",  "/partner/referrals/rows", "/partner/referrals/rows", "coordinator:org-x", 302),
			row("GET",  "/partner/referrals/{id}", "/partner/referrals/MINE", "coordinator:org-x", 302),
			row("GET",  "/", "/", "coordinator:org-x", 302),
			row("POST", "/partner/referrals", "/partner/referrals", "coordinator:org-x", 403, EXAMPLE),
			row("GET",  "/self-referral", "/self-referral", "coordinator:org-x", 200),
			row("POST", "/self-referral", "/self-referral", "coordinator:org-x", 403),
			row("POST", "/self-referral/consent", "/self-referral/consent", "coordinator:org-x", 403),
			row("GET",  "/partner", "/partner", "admin", 302),
			row("GET",  "/partner/referrals", "/partner/referrals", "admin", 302),
			row("GET",  "/partner/referrals/new", "/partner/referrals/new", "admin", 302),
			row("GET",  "/partner/referrals/rows", "/partner/referrals/rows", "admin", 302),
			row("GET",  "/partner/referrals/{id}", "/partner/referrals/MINE", "admin", 302),
			row("GET",  "/", "/", "admin", 302),
			row("POST", "/partner/referrals", "/partner/referrals", "admin", 403, EXAMPLE),
			row("GET",  "/self-referral", "/self-referral", "admin", 200),
			row("POST", "/self-referral", "/self-referral", "admin", 403),
			row("POST", "/self-referral/consent", "/self-referral/consent", "admin", 403),
			row("GET",  REFERRALS, REFERRALS, "anonymous",         401),
			row("GET",  REFERRALS, REFERRALS, "partner:clsc-a",    200),
			row("GET",  REFERRALS, REFERRALS, "coordinator:org-x", 200),
			row("GET",  REFERRALS, REFERRALS, "admin",             200),
			row("POST", WITHDRAWAL, UNKNOWN + "/withdrawal", "anonymous",         401),
			row("POST", WITHDRAWAL, MINE + "/withdrawal",    "partner:clsc-b",    404),
			row("POST", WITHDRAWAL, UNKNOWN + "/withdrawal", "partner:clsc-a",    404),
			row("POST", WITHDRAWAL, MINE + "/withdrawal",    "coordinator:org-x", 403),
			row("POST", WITHDRAWAL, UNKNOWN + "/withdrawal", "admin",             404),
			row("GET",  CONTACT,   MINE + "/contact", "anonymous",                    401),
			row("GET",  CONTACT,   MINE + "/contact", "partner:clsc-a",               403),
			row("GET",  CONTACT,   MINE + "/contact", "coordinator:org-x",            403),
			row("GET",  CONTACT,   MINE + "/contact", "admin",                        403),
			row("GET",  CONTACT,   MINE + "/contact", "service:matching-service",     403),
			row("GET",  CONTACT,   MINE + "/contact", "service:notification-service", 200),
			row("GET",  CONTACT,   UNKNOWN + "/contact", "service:notification-service", 404),
			// Only the coordinator of the organization holding the referral reads who the client is.
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "anonymous",                    401),
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "partner:clsc-a",               403),
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "coordinator:org-x",            200),
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "coordinator:org-y",            404),
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "admin",                        403),
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "service:notification-service", 403),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "anonymous",         401),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "partner:clsc-a",    403),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "coordinator:org-x", 200),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "coordinator:org-y", 404),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "admin",             403),
			// MINE is flagged against nothing: a decision about it is 404 for its own coordinator too.
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "anonymous",         401),
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "partner:clsc-a",    403),
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "coordinator:org-x", 404),
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "coordinator:org-y", 404),
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "admin",             403),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "anonymous",         401),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "partner:clsc-a",    403),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "coordinator:org-x", 404),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "coordinator:org-y", 404),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "admin",             403),
			row("POST", ROTATION,  ROTATION,  "anonymous",         401),
			row("POST", ROTATION,  ROTATION,  "partner:clsc-a",    403),
			row("POST", ROTATION,  ROTATION,  "coordinator:org-x", 403),
			row("POST", ROTATION,  ROTATION,  "admin",             200),
			row("POST", REENCRYPTION, REENCRYPTION, "anonymous",         401),
			row("POST", REENCRYPTION, REENCRYPTION, "partner:clsc-a",    403),
			row("POST", REENCRYPTION, REENCRYPTION, "coordinator:org-x", 403),
			row("POST", REENCRYPTION, REENCRYPTION, "admin",             200),
			row("GET",  EXPORT,    "/api/v1/admin/people/MINE/export", "anonymous",         401),
			row("GET",  EXPORT,    "/api/v1/admin/people/MINE/export", "partner:clsc-a",    403),
			row("GET",  EXPORT,    "/api/v1/admin/people/MINE/export", "coordinator:org-x", 403),
			row("GET",  EXPORT,    "/api/v1/admin/people/MINE/export", "admin",             200),
			row("GET",  EXPORT,    "/api/v1/admin/people/unknown/export", "admin",          404),
			row("GET",  SCALES,    SCALES,    "anonymous",         401),
			row("GET",  SCALES,    SCALES,    "partner:clsc-a",    200),
			row("GET",  SCALES,    SCALES,    "coordinator:org-x", 200),
			row("GET",  SCALES,    SCALES,    "admin",             200),
			row("GET",  SCALE,     SCALES + "/example", "anonymous",         401),
			row("GET",  SCALE,     SCALES + "/example", "partner:clsc-a",    200),
			row("GET",  SCALE,     SCALES + "/example", "coordinator:org-x", 200),
			row("GET",  SCALE,     SCALES + "/unknown", "admin",             404),
			row("PUT",  SCALE,     SCALES + "/matrix", "anonymous",         401, MATRIX_SCALE),
			row("PUT",  SCALE,     SCALES + "/matrix", "partner:clsc-a",    403, MATRIX_SCALE),
			row("PUT",  SCALE,     SCALES + "/matrix", "coordinator:org-x", 403, MATRIX_SCALE),
			row("PUT",  SCALE,     SCALES + "/matrix", "admin",             200, MATRIX_SCALE),
			row("GET",  REFERRAL,  MINE,      "anonymous",         401),
			row("GET",  REFERRAL,  MINE,      "partner:clsc-a",    200),
			row("GET",  REFERRAL,  MINE,      "partner:clsc-b",    404),
			row("GET",  REFERRAL,  UNKNOWN,   "partner:clsc-b",    404),
			row("GET",  REFERRAL,  MINE,      "coordinator:org-x", 200),
			row("GET",  REFERRAL,  MINE,      "coordinator:org-y", 404),
			row("GET",  REFERRAL,  MINE,      "admin",             200),
			row("GET",  REFERRAL,  UNKNOWN,   "admin",             404),
			row("GET",  TRAIL,     TODAY,     "anonymous",         401),
			row("GET",  TRAIL,     TODAY,     "partner:clsc-a",    403),
			row("GET",  TRAIL,     TODAY,     "coordinator:org-x", 403),
			row("GET",  TRAIL,     TODAY,     "admin",             200),
			// Self-referral is open to anyone; without its CSRF token a POST is refused, whoever sends it.
			row("GET",  CSRF,      CSRF,      "anonymous",         200),
			row("GET",  CSRF,      CSRF,      "partner:clsc-a",    200),
			row("GET",  CSRF,      CSRF,      "coordinator:org-x", 200),
			row("GET",  CSRF,      CSRF,      "admin",             200),
			row("POST", SELF,      SELF,      "anonymous",         403, EXAMPLE),
			row("POST", SELF,      SELF,      "partner:clsc-a",    403, EXAMPLE),
			row("POST", SELF,      SELF,      "coordinator:org-x", 403, EXAMPLE),
			row("POST", SELF,      SELF,      "admin",             403, EXAMPLE),
			// The documentation is open to anyone, token or not; the Swagger UI page redirects to its assets.
			row("GET",  DOCS,      DOCS,      "anonymous",         200),
			row("GET",  DOCS,      DOCS,      "partner:clsc-a",    200),
			row("GET",  DOCS,      DOCS,      "coordinator:org-x", 200),
			row("GET",  DOCS,      DOCS,      "admin",             200),
			row("GET",  DOCS_YAML, DOCS_YAML, "anonymous",         200),
			row("GET",  DOCS_YAML, DOCS_YAML, "partner:clsc-a",    200),
			row("GET",  DOCS_YAML, DOCS_YAML, "coordinator:org-x", 200),
			row("GET",  DOCS_YAML, DOCS_YAML, "admin",             200),
			row("GET",  UI_CONFIG, UI_CONFIG, "anonymous",         200),
			row("GET",  UI_CONFIG, UI_CONFIG, "partner:clsc-a",    200),
			row("GET",  UI_CONFIG, UI_CONFIG, "coordinator:org-x", 200),
			row("GET",  UI_CONFIG, UI_CONFIG, "admin",             200),
			row("GET",  UI,        UI,        "anonymous",         302),
			row("GET",  UI,        UI,        "partner:clsc-a",    302),
			row("GET",  UI,        UI,        "coordinator:org-x", 302),
			row("GET",  UI,        UI,        "admin",             302),
			// The SERVICE client (notification-service) reads a client's contact details and
			// nothing else; a client's one-time link is no access token anywhere.
			row("POST", REFERRALS, REFERRALS, "service:notification-service", 403, EXAMPLE),
			row("POST", REFERRALS, REFERRALS, "client-link", 401, EXAMPLE),
			row("GET",  "/partner", "/partner", "service:notification-service", 302),
			row("GET",  "/partner/referrals", "/partner/referrals", "service:notification-service", 302),
			row("GET",  "/partner/referrals/new", "/partner/referrals/new", "service:notification-service", 302),
			row("GET",  "/partner/referrals/rows", "/partner/referrals/rows", "service:notification-service", 302),
			row("GET",  "/partner/referrals/{id}", "/partner/referrals/MINE", "service:notification-service", 302),
			row("GET",  "/", "/", "service:notification-service", 302),
			row("POST", "/partner/referrals", "/partner/referrals", "service:notification-service", 403, EXAMPLE),
			row("GET",  "/self-referral", "/self-referral", "service:notification-service", 200),
			row("POST", "/self-referral", "/self-referral", "service:notification-service", 403),
			row("POST", "/self-referral/consent", "/self-referral/consent", "service:notification-service", 403),
			row("GET",  "/partner", "/partner", "client-link", 302),
			row("GET",  "/partner/referrals", "/partner/referrals", "client-link", 302),
			row("GET",  "/partner/referrals/new", "/partner/referrals/new", "client-link", 302),
			row("GET",  "/partner/referrals/rows", "/partner/referrals/rows", "client-link", 302),
			row("GET",  "/partner/referrals/{id}", "/partner/referrals/MINE", "client-link", 302),
			row("GET",  "/", "/", "client-link", 401),
			row("POST", "/partner/referrals", "/partner/referrals", "client-link", 403, EXAMPLE),
			row("GET",  "/self-referral", "/self-referral", "client-link", 200),
			row("POST", "/self-referral", "/self-referral", "client-link", 403),
			row("POST", "/self-referral/consent", "/self-referral/consent", "client-link", 403),
			row("GET",  REFERRALS, REFERRALS, "service:notification-service", 403),
			row("GET",  REFERRALS, REFERRALS, "client-link", 401),
			row("POST", WITHDRAWAL, MINE + "/withdrawal", "service:notification-service", 403),
			row("POST", WITHDRAWAL, MINE + "/withdrawal", "client-link", 401),
			row("GET",  CONTACT,   MINE + "/contact", "client-link", 401),
			row("GET",  IDENTITY,  MINE + "/identity?purpose=CONTACT_CLIENT", "client-link", 401),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "service:notification-service", 403),
			row("GET",  DUPLICATES, MINE + "/possible-duplicates", "client-link", 401),
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "service:notification-service", 403),
			row("POST", LINK,      MINE + "/possible-duplicates/other/link", "client-link", 401),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "service:notification-service", 403),
			row("POST", SEPARATE,  MINE + "/possible-duplicates/other/separate", "client-link", 401),
			row("POST", ROTATION,  ROTATION,  "service:notification-service", 403),
			row("POST", ROTATION,  ROTATION,  "client-link", 401),
			row("POST", REENCRYPTION, REENCRYPTION, "service:notification-service", 403),
			row("POST", REENCRYPTION, REENCRYPTION, "client-link", 401),
			row("GET",  EXPORT,    "/api/v1/admin/people/MINE/export", "service:notification-service", 403),
			row("GET",  EXPORT,    "/api/v1/admin/people/MINE/export", "client-link", 401),
			// Fee scales are what organizations publish (no personal data): any signed caller reads them.
			row("GET",  SCALES,    SCALES,    "service:notification-service", 200),
			row("GET",  SCALES,    SCALES,    "client-link", 401),
			row("GET",  SCALE,     SCALES + "/example", "service:notification-service", 200),
			row("GET",  SCALE,     SCALES + "/example", "client-link", 401),
			row("PUT",  SCALE,     SCALES + "/matrix", "service:notification-service", 403, MATRIX_SCALE),
			row("PUT",  SCALE,     SCALES + "/matrix", "client-link", 401, MATRIX_SCALE),
			row("GET",  REFERRAL,  MINE,      "service:notification-service", 403),
			row("GET",  REFERRAL,  MINE,      "client-link", 401),
			row("GET",  TRAIL,     TODAY,     "service:notification-service", 403),
			row("GET",  TRAIL,     TODAY,     "client-link", 401),
			row("GET",  CSRF,      CSRF,      "service:notification-service", 200),
			row("GET",  CSRF,      CSRF,      "client-link", 200),
			row("POST", SELF,      SELF,      "service:notification-service", 403, EXAMPLE),
			row("POST", SELF,      SELF,      "client-link", 403, EXAMPLE),
			row("GET",  DOCS,      DOCS,      "service:notification-service", 200),
			row("GET",  DOCS,      DOCS,      "client-link", 200),
			row("GET",  DOCS_YAML, DOCS_YAML, "service:notification-service", 200),
			row("GET",  DOCS_YAML, DOCS_YAML, "client-link", 200),
			row("GET",  UI_CONFIG, UI_CONFIG, "service:notification-service", 200),
			row("GET",  UI_CONFIG, UI_CONFIG, "client-link", 200),
			row("GET",  UI,        UI,        "service:notification-service", 302),
			row("GET",  UI,        UI,        "client-link", 302)
		// @formatter:on
		);
	}

	static Stream<Arguments> badTokens() {
		TestIssuer tokens = TestIssuer.get();
		return Stream.of(Arguments.of("expired", tokens.expired()), Arguments.of("unsigned", tokens.unsigned()),
				Arguments.of("wrongly signed", tokens.wronglySigned()),
				Arguments.of("wrong audience", tokens.wrongAudience()),
				Arguments.of("wrong issuer", tokens.wrongIssuer()), Arguments.of("not a token", "not-a-jwt"));
	}

	@Override
	protected List<String> callersOfEveryEndpoint() {
		return List.of("anonymous", "partner", "coordinator", "admin", "service", "client-link");
	}

	@Override
	protected Map<String, String> placeholders() {
		return Map.of("MINE", mine);
	}

	@BeforeEach
	void referralOfPartnerA() {
		if (mine == null) {
			Http.Answer posted = this.anonymous.withToken(this.tokens.partner("clsc-a")).postJson(REFERRALS, EXAMPLE);
			assertThat(posted.status()).isEqualTo(201);
			mine = posted.json("$.referralId");
		}
	}

	@Test
	void anotherPartnersReferralReadsExactlyLikeAnUnknownId() {
		Http partnerB = this.anonymous.withToken(this.tokens.partner("clsc-b"));

		Http.Answer theirs = partnerB.get(REFERRALS + "/" + mine);
		Http.Answer unknown = partnerB.get(REFERRALS + "/" + mine.replace('a', 'b').replace('1', '2'));

		assertThat(theirs.status()).isEqualTo(unknown.status()).isEqualTo(404);
		assertThat(theirs.<String>json("$.title")).isEqualTo(unknown.json("$.title"));
		assertThat(theirs.<String>json("$.detail")).isEqualTo(unknown.json("$.detail"));
	}

	@Test
	void theReferringPartnerComesFromTheTokenNeverFromTheBody() {
		String id = this.anonymous.withToken(this.tokens.partner("clsc-a"))
			.postJson(REFERRALS, EXAMPLE)
			.json("$.referralId");

		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-a")).get(REFERRALS + "/" + id).status())
			.isEqualTo(200);
		assertThat(this.anonymous.withToken(this.tokens.partner("demo-partner")).get(REFERRALS + "/" + id).status())
			.isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void badTokenIsRefusedWith401AndAFrenchProblem(String kind, String token) {
		Http.Answer answer = this.anonymous.withToken(token).get(REFERRALS + "/" + mine);

		assertThat(answer.status()).as(kind).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(answer.<String>json("$.title")).isEqualTo("Authentification requise");
	}

	@Test
	void refusalIsInEnglishWhenAskedFor() {
		Http.Answer answer = this.anonymous.get(REFERRALS + "/" + mine, "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.<String>json("$.title")).isEqualTo("Authentication required");
	}

}

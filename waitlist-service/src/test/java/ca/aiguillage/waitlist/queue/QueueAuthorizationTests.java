package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ca.aiguillage.testing.AuthorizationMatrix.Row;
import ca.aiguillage.testing.EndpointAuthorization;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static ca.aiguillage.testing.AuthorizationMatrix.row;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class QueueAuthorizationTests extends EndpointAuthorization {

	static final String QUEUE = "/api/v1/queue";

	static String proposedToLaval;

	static final String ONE = QUEUE + "/{referralId}";

	static final String REBUILD = QUEUE + "/rebuild";

	static final String INCIDENTS = "/api/v1/admin/incidents";

	static final String WINDOW = "/api/v1/proposal-answer-windows/{organizationId}";

	static final String WINDOW_OF_LAVAL = "/api/v1/proposal-answer-windows/org-laval";

	static final List<String> ACTIONS = List.of("confirmation", "override", "decline", "first-session", "end",
			"unreachable", "ineligibility", "redirection", "priority", "rematch", "taking", "follow-up");

	static Stream<Row> matrix() {
		Stream<Row> reads = Stream.of(
		// @formatter:off
			row("GET", QUEUE, QUEUE,                              "anonymous",           401),
			row("GET", QUEUE, QUEUE,                              "partner:clsc-a",      403),
			row("GET", QUEUE, QUEUE,                              "coordinator:org-laval", 200),
			row("GET", QUEUE, QUEUE + "?organizationId=org-x",    "coordinator:org-laval", 403),
			row("GET", QUEUE, QUEUE + "?organizationId=org-laval", "coordinator:org-laval", 200),
			row("GET", QUEUE, QUEUE,                              "admin",               200),
			row("GET", QUEUE + "/network", QUEUE + "/network",    "anonymous",           401),
			row("GET", QUEUE + "/network", QUEUE + "/network",    "partner:clsc-a",      403),
			row("GET", QUEUE + "/network", QUEUE + "/network",    "service:matching-service", 403),
			row("GET", QUEUE + "/network", QUEUE + "/network",    "coordinator:org-x",   200),
			row("GET", QUEUE + "/network", QUEUE + "/network",    "admin",               200),
			row("GET", ONE, QUEUE + "/MINE",                      "anonymous",           401),
			row("GET", ONE, QUEUE + "/MINE",                      "partner:clsc-a",      403),
			row("GET", ONE, QUEUE + "/MINE",                      "coordinator:org-laval", 200),
			row("GET", ONE, QUEUE + "/MINE",                      "coordinator:org-x",   404),
			row("GET", ONE, QUEUE + "/MINE",                      "admin",               200),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "anonymous", 401),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "partner:clsc-a", 404),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "partner:clsc-ahuntsic", 200),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "coordinator:org-x", 404),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "coordinator:org-laval", 200),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "admin", 200),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "service:notification-service", 200),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "service:matching-service", 403),
			row("GET", ONE + "/predicted-start", QUEUE + "/MINE/predicted-start", "service:referral-service", 403),
			row("GET", WINDOW, WINDOW_OF_LAVAL,                   "anonymous",           401),
			row("GET", WINDOW, WINDOW_OF_LAVAL,                   "partner:clsc-a",      403),
			row("GET", WINDOW, WINDOW_OF_LAVAL,                   "service:matching-service", 403),
			row("GET", WINDOW, WINDOW_OF_LAVAL,                   "service:notification-service", 200),
			row("GET", WINDOW, WINDOW_OF_LAVAL,                   "coordinator:org-x",   200),
			row("GET", WINDOW, WINDOW_OF_LAVAL,                   "admin",               200),
			row("GET", "/api/v1/insight/waits", "/api/v1/insight/waits", "anonymous", 401),
			row("GET", "/api/v1/insight/waits", "/api/v1/insight/waits", "partner:clsc-a", 403),
			row("GET", "/api/v1/insight/waits", "/api/v1/insight/waits", "coordinator:org-laval", 200),
			row("GET", "/api/v1/insight/waits", "/api/v1/insight/waits?organizationId=org-x", "coordinator:org-laval", 403),
			row("GET", "/api/v1/insight/waits", "/api/v1/insight/waits", "admin", 200),
			row("POST", REBUILD, REBUILD,                         "anonymous",           401),
			row("POST", REBUILD, REBUILD,                         "partner:clsc-a",      403),
			row("POST", REBUILD, REBUILD,                         "coordinator:org-laval", 403),
			row("POST", REBUILD, REBUILD,                         "admin",               200),
			row("GET", INCIDENTS, INCIDENTS,                      "anonymous",           401),
			row("GET", INCIDENTS, INCIDENTS,                      "partner:clsc-a",      403),
			row("GET", INCIDENTS, INCIDENTS,                      "coordinator:org-laval", 403),
			row("GET", INCIDENTS, INCIDENTS,                      "admin",               200),
			row("POST", INCIDENTS, INCIDENTS,                     "anonymous",           401, "{}"),
			row("POST", INCIDENTS, INCIDENTS,                     "partner:clsc-a",      403, "{}"),
			row("POST", INCIDENTS, INCIDENTS,                     "coordinator:org-laval", 403, "{}"),
			row("POST", INCIDENTS, INCIDENTS,                     "admin",               400, "{}"),
			row("GET", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "anonymous",           401),
			row("GET", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "partner:clsc-a",      403),
			row("GET", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "coordinator:org-laval", 403),
			row("GET", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "admin",               404),
			row("PUT", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "anonymous",           401, "{}"),
			row("PUT", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "partner:clsc-a",      403, "{}"),
			row("PUT", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "coordinator:org-laval", 403, "{}"),
			row("PUT", INCIDENTS + "/{id}", INCIDENTS + "/nope",  "admin",               400, "{}")
		// @formatter:on
		);
		// Without If-Match, an allowed caller gets 428 before anything changes.
		Stream<Row> actions = ACTIONS.stream()
			.flatMap(action -> Stream.of(
					row("POST", ONE + "/" + action, QUEUE + "/MINE/" + action, "anonymous", 401, "{}"),
					row("POST", ONE + "/" + action, QUEUE + "/MINE/" + action, "partner:clsc-a", 403, "{}"),
					row("POST", ONE + "/" + action, QUEUE + "/MINE/" + action, "coordinator:org-laval", 428, "{}"),
					row("POST", ONE + "/" + action, QUEUE + "/MINE/" + action, "admin", 428, "{}")));
		// The console's pages take no bearer token: without a session every caller is
		// sent to
		// sign in, and a form post without the session's CSRF token is refused.
		Stream<Row> console = Stream.of("anonymous", "partner:clsc-a", "coordinator:org-laval", "admin")
			.flatMap(caller -> Stream.of(row("GET", "/", "/", caller, 302),
					row("GET", "/console", "/console", caller, 302),
					row("GET", "/console/queue", "/console/queue", caller, 302),
					row("GET", "/console/waits", "/console/waits", caller, 302),
					row("GET", "/console/waits/csv", "/console/waits/csv", caller, 302),
					row("GET", "/console/duplicates", "/console/duplicates", caller, 302),
					row("GET", "/console/duplicates/{referralId}", "/console/duplicates/MINE", caller, 302),
					row("POST", "/console/duplicates/{referralId}/{decision}", "/console/duplicates/MINE/separate",
							caller, 403, "{}"),
					row("GET", "/console/network", "/console/network", caller, 302),
					row("GET", "/console/events", "/console/events", caller, 302),
					row("GET", "/console/referrals/{referralId}", "/console/referrals/MINE", caller, 302),
					row("POST", "/console/referrals/{referralId}/{action}", "/console/referrals/MINE/confirmation",
							caller, 403, "{}"),
					row("GET", "/console/admin/dead-letters", "/console/admin/dead-letters", caller, 302),
					row("POST", "/console/admin/dead-letters/replay", "/console/admin/dead-letters/replay", caller, 403,
							"{}"),
					row("POST", "/console/admin/dead-letters/replay-all", "/console/admin/dead-letters/replay-all",
							caller, 403, "{}"),
					row("POST", "/console/admin/dead-letters/discard", "/console/admin/dead-letters/discard", caller,
							403, "{}"),
					row("GET", "/console/admin/incidents", "/console/admin/incidents", caller, 302),
					row("POST", "/console/admin/incidents", "/console/admin/incidents", caller, 403, "{}"),
					row("GET", "/console/admin/incidents/registre.csv", "/console/admin/incidents/registre.csv", caller,
							302),
					row("GET", "/console/admin/incidents/{id}", "/console/admin/incidents/nope", caller, 302),
					row("POST", "/console/admin/incidents/{id}", "/console/admin/incidents/nope", caller, 403, "{}")));
		return Stream.concat(Stream.concat(reads, actions), console);
	}

	@Override
	protected Map<String, String> placeholders() {
		return Map.of("MINE", proposedToLaval);
	}

	@Test
	void anotherOrganizationsCoordinatorCannotActOnAReferral() {
		String etag = this.http.get(QUEUE + "/" + proposedToLaval).header("etag");

		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-x"))
			.postJson(QUEUE + "/" + proposedToLaval + "/confirmation", "{}", "If-Match", etag)
			.status()).isEqualTo(404);
	}

	@BeforeEach
	void referralProposedByLaval() {
		if (proposedToLaval == null) {
			String id = UUID.randomUUID().toString();
			ca.aiguillage.waitlist.Wire.publish(this.kafka, QueueEntryTests.proposal(id));
			ca.aiguillage.waitlist.Wire.publish(this.kafka, QueueEntryTests.submitted(id));
			await().atMost(ofSeconds(20))
				.until(() -> this.http.get(QUEUE + "?referralId=" + id),
						answer -> answer
							.<List<String>>json(
									"$.items[?(@.referrer == 'clsc-ahuntsic' && @.status == 'PROPOSED')].referralId")
							.contains(id));
			proposedToLaval = id;
		}
	}

	@Test
	void coordinatorSeesTheirOrganizationsReferralsAndNoOtherOrganizationDoes() {
		String byId = QUEUE + "?referralId=" + proposedToLaval;

		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-laval"))
			.get(byId)
			.<List<String>>json("$.items[*].referralId")).containsExactly(proposedToLaval);
		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-outaouais"))
			.get(byId)
			.<List<String>>json("$.items[*].referralId")).isEmpty();
	}

	@Test
	void coordinatorWithoutAnOrganizationSeesNoReferralAndNoFigures() {
		Http unmapped = this.anonymous.withToken(this.tokens.coordinatorWithoutOrganization());

		Http.Answer queue = unmapped.get(QUEUE);
		Http.Answer one = unmapped.get(QUEUE + "/" + proposedToLaval);
		Http.Answer waits = unmapped.get("/api/v1/insight/waits");

		// The platform may refuse such a token outright (401); this service's own
		// filters must fail closed either way.
		assertThat(queue.status()).isIn(200, 401);
		if (queue.status() == 200) {
			assertThat(queue.<List<String>>json("$.items")).isEmpty();
			assertThat(queue.<Integer>json("$.total")).isZero();
		}
		assertThat(one.status()).isIn(401, 404);
		assertThat(waits.status()).isIn(401, 403);
	}

}

package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.AuthorizationMatrix.Row;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.EndpointAuthorization;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static ca.aiguillage.testing.AuthorizationMatrix.row;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=waitlist-service")
class QueueAuthorizationTests extends EndpointAuthorization {

	static final String QUEUE = "/api/v1/queue";

	static String proposedToLaval;

	static Stream<Row> matrix() {
		return Stream.of(
		// @formatter:off
			row("GET", QUEUE, QUEUE,                              "anonymous",           401),
			row("GET", QUEUE, QUEUE,                              "partner:clsc-a",      403),
			row("GET", QUEUE, QUEUE,                              "coordinator:org-laval", 200),
			row("GET", QUEUE, QUEUE + "?organizationId=org-x",    "coordinator:org-laval", 403),
			row("GET", QUEUE, QUEUE + "?organizationId=org-laval", "coordinator:org-laval", 200),
			row("GET", QUEUE, QUEUE,                              "admin",               200)
		// @formatter:on
		);
	}

	@BeforeEach
	void referralProposedByLaval() {
		if (proposedToLaval == null) {
			String id = UUID.randomUUID().toString();
			ProposalMadeV1 proposal = QueueEntryTests.proposal(id);
			this.kafka.send(EventCatalog.PROPOSAL_MADE_V1.topic(), id, new EventJson().write(proposal), KafkaProbe
				.cloudEventHeaders(UUID.randomUUID().toString(), EventCatalog.PROPOSAL_MADE_V1.type(), id));
			await().atMost(ofSeconds(20))
				.until(() -> this.http.get(QUEUE + "?referralId=" + id).<List<String>>json("$.items[*].referralId"),
						ids -> ids.contains(id));
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

}

package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.AuthorizationMatrix.Row;
import ca.aiguillage.testing.Http;
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
@TestPropertySource(properties = "spring.config.name=notification-service")
class DeliveryAuthorizationTests extends EndpointAuthorization {

	static final String DELIVERIES = "/api/v1/deliveries";

	/**
	 * MINE stands for a referral proposed by org-montreal-nord, created once for the
	 * matrix.
	 */
	static final String OF_MINE = DELIVERIES + "?referralId=MINE";

	static String mine;

	static Stream<Row> matrix() {
		return Stream.of(
		// @formatter:off
			row("GET", DELIVERIES, OF_MINE, "anonymous",                     401),
			row("GET", DELIVERIES, OF_MINE, "partner:clsc-ahuntsic",         403),
			row("GET", DELIVERIES, OF_MINE, "coordinator:org-montreal-nord", 200),
			row("GET", DELIVERIES, OF_MINE, "coordinator:org-laval",         200),
			row("GET", DELIVERIES, OF_MINE, "admin",                         200)
		// @formatter:on
		);
	}

	@Override
	protected Map<String, String> placeholders() {
		return Map.of("MINE", mine);
	}

	@BeforeEach
	void referralProposedByMontrealNord() {
		if (mine == null) {
			String id = UUID.randomUUID().toString();
			EventJson json = new EventJson();
			ProposalMadeV1 sample = SampleEvents.proposal();
			ProposalMadeV1 proposal = new ProposalMadeV1(id, sample.proposalId(), sample.therapistId(),
					sample.organizationId(), sample.modality(), sample.slot(), sample.explanation(),
					sample.proposedAt(), sample.therapistFirstName(), sample.organizationName());
			this.kafka.send(EventCatalog.PROPOSAL_MADE_V1.topic(), id, json.write(proposal), KafkaProbe
				.cloudEventHeaders(UUID.randomUUID().toString(), EventCatalog.PROPOSAL_MADE_V1.type(), id));
			String submitted = json.write(SampleEvents.submitted("fr")).replace(SampleEvents.REFERRAL, id);
			this.kafka.send(EventCatalog.REFERRAL_SUBMITTED_V1.topic(), id, submitted, KafkaProbe
				.cloudEventHeaders(UUID.randomUUID().toString(), EventCatalog.REFERRAL_SUBMITTED_V1.type(), id));
			await().atMost(ofSeconds(30))
				.until(() -> this.http.get(DELIVERIES + "?referralId=" + id).<List<Object>>json("$[*]"),
						deliveries -> deliveries.size() >= 2);
			mine = id;
		}
	}

	@Test
	void anotherOrganizationsReferralReadsExactlyLikeAnUnknownOne() {
		Http laval = this.anonymous.withToken(this.tokens.coordinator("org-laval"));
		Http montrealNord = this.anonymous.withToken(this.tokens.coordinator("org-montreal-nord"));

		assertThat(montrealNord.get(DELIVERIES + "?referralId=" + mine).<List<Object>>json("$[*]")).isNotEmpty();
		assertThat(laval.get(DELIVERIES + "?referralId=" + mine).body())
			.isEqualTo(laval.get(DELIVERIES + "?referralId=" + UUID.randomUUID()).body())
			.isEqualTo("[]");
	}

}

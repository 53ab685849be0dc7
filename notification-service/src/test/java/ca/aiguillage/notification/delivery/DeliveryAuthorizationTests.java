package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.AuthorizationMatrix.Row;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.EndpointAuthorization;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static ca.aiguillage.testing.AuthorizationMatrix.row;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=notification-service")
@ContextConfiguration(initializers = StubbedChannels.class)
class DeliveryAuthorizationTests extends EndpointAuthorization {

	static final String DELIVERIES = "/api/v1/deliveries";

	/**
	 * MINE stands for a referral proposed by org-montreal-nord, created once for the
	 * matrix.
	 */
	static final String OF_MINE = DELIVERIES + "?referralId=MINE";

	static final String PREVIEW = "/api/v1/templates/{id}/preview";

	static final String PREVIEW_OF = "/api/v1/templates/proposal-made/preview?lang=en";

	static final String WEBHOOK = "/api/v1/webhooks/mine";

	static final String WEBHOOKS = "/api/v1/webhooks";

	static final String PARTNERS_WEBHOOK = "/api/v1/webhooks/{partnerId}";

	static final String HOOKS_ONLY = "/api/v1/webhooks/clsc-hooks-only";

	static final String APPROVAL = "/api/v1/webhooks/{partnerId}/approval";

	static final String APPROVAL_OF_NONE = "/api/v1/webhooks/clsc-never-proposed/approval";

	static final String ROTATION = "/api/v1/webhooks/{partnerId}/rotation";

	static final String ROTATION_OF_NONE = "/api/v1/webhooks/clsc-never-registered/rotation";

	// A public address literal: names are resolved at registration, and tests must not
	// need DNS.
	static final String REGISTRATION = "{\"url\":\"https://93.184.215.14/aiguillage/hooks\"}";

	static final String LINK = "/r/{token}";

	static final String A_FORGED_LINK = "/r/AAAAAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";

	static final String SMS_REPLIES = "/api/v1/sms/replies";

	static String mine;

	static Stream<Row> matrix() {
		return Stream.of(
		// @formatter:off
			row("GET", DELIVERIES, OF_MINE, "anonymous",                     401),
			row("GET", DELIVERIES, OF_MINE, "partner:clsc-ahuntsic",         403),
			row("GET", DELIVERIES, OF_MINE, "coordinator:org-montreal-nord", 200),
			row("GET", DELIVERIES, OF_MINE, "coordinator:org-laval",         200),
			row("GET", DELIVERIES, OF_MINE, "admin",                         200),
			row("GET", PREVIEW, PREVIEW_OF, "anonymous",                     401),
			row("GET", PREVIEW, PREVIEW_OF, "partner:clsc-ahuntsic",         403),
			row("GET", PREVIEW, PREVIEW_OF, "coordinator:org-montreal-nord", 403),
			row("GET", PREVIEW, PREVIEW_OF, "admin",                         200),
			row("PUT", WEBHOOK, WEBHOOK, "anonymous",                        401, REGISTRATION),
			// A partner only proposes: pending until an administrator approves, no secret.
			row("PUT", WEBHOOK, WEBHOOK, "partner:clsc-hooks-only",          202, REGISTRATION),
			row("PUT", WEBHOOK, WEBHOOK, "coordinator:org-montreal-nord",    403, REGISTRATION),
			row("PUT", WEBHOOK, WEBHOOK, "admin",                            403, REGISTRATION),
			row("GET", WEBHOOK, WEBHOOK, "anonymous",                        401),
			row("GET", WEBHOOK, WEBHOOK, "partner:clsc-never-proposed",      404),
			row("GET", WEBHOOK, WEBHOOK, "coordinator:org-montreal-nord",    403),
			row("GET", WEBHOOK, WEBHOOK, "admin",                            403),
			row("GET", WEBHOOKS, WEBHOOKS, "anonymous",                      401),
			row("GET", WEBHOOKS, WEBHOOKS, "partner:clsc-hooks-only",        403),
			row("GET", WEBHOOKS, WEBHOOKS, "coordinator:org-montreal-nord",  403),
			row("GET", WEBHOOKS, WEBHOOKS, "admin",                          200),
			// Registering, approving and rotating are an administrator's acts, its own partner's included.
			row("PUT", PARTNERS_WEBHOOK, HOOKS_ONLY, "anonymous",            401, REGISTRATION),
			row("PUT", PARTNERS_WEBHOOK, HOOKS_ONLY, "partner:clsc-hooks-only", 403, REGISTRATION),
			row("PUT", PARTNERS_WEBHOOK, HOOKS_ONLY, "coordinator:org-montreal-nord", 403, REGISTRATION),
			row("PUT", PARTNERS_WEBHOOK, HOOKS_ONLY, "admin",                200, REGISTRATION),
			row("POST", APPROVAL, APPROVAL_OF_NONE, "anonymous",             401),
			row("POST", APPROVAL, APPROVAL_OF_NONE, "partner:clsc-never-proposed", 403),
			row("POST", APPROVAL, APPROVAL_OF_NONE, "coordinator:org-montreal-nord", 403),
			row("POST", APPROVAL, APPROVAL_OF_NONE, "admin",                 404),
			row("POST", ROTATION, ROTATION_OF_NONE, "anonymous",             401),
			row("POST", ROTATION, ROTATION_OF_NONE, "partner:clsc-never-registered", 403),
			row("POST", ROTATION, ROTATION_OF_NONE, "coordinator:org-montreal-nord", 403),
			row("POST", ROTATION, ROTATION_OF_NONE, "admin",                 404),
			// The signed link is the credential: a token neither helps nor hurts.
			row("GET", LINK, A_FORGED_LINK, "anonymous",                     404),
			row("GET", LINK, A_FORGED_LINK, "partner:clsc-ahuntsic",         404),
			row("GET", LINK, A_FORGED_LINK, "coordinator:org-montreal-nord", 404),
			row("GET", LINK, A_FORGED_LINK, "admin",                         404),
			row("POST", LINK, A_FORGED_LINK, "anonymous",                    404),
			row("POST", LINK, A_FORGED_LINK, "partner:clsc-ahuntsic",        404),
			row("POST", LINK, A_FORGED_LINK, "coordinator:org-montreal-nord", 404),
			row("POST", LINK, A_FORGED_LINK, "admin",                        404),
			// Only the SMS provider's signature opens it.
			row("POST", SMS_REPLIES, SMS_REPLIES, "anonymous",               403),
			row("POST", SMS_REPLIES, SMS_REPLIES, "partner:clsc-ahuntsic",   403),
			row("POST", SMS_REPLIES, SMS_REPLIES, "coordinator:org-montreal-nord", 403),
			row("POST", SMS_REPLIES, SMS_REPLIES, "admin",                   403)
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

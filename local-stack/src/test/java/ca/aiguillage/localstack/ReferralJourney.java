package ca.aiguillage.localstack;

import java.util.List;

import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spine's scenario, run against any running stack: a partner posts a referral;
 * matching proposes a therapist who fits or reports no match; the queue shows it; a
 * message is recorded.
 */
final class ReferralJourney {

	private ReferralJourney() {
	}

	static void referralTravelsThroughAllFourServices(LocalStack stack) {
		// Real tokens from the real authorization server: a partner system's, and an
		// administrator's after signing in.
		String partnerToken = ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner",
				"demo-partner-secret");
		String adminToken = ConsoleSignIn.accessToken(stack.authorizationPort(), "admin", "admin-demo");
		Http referral = Http.localhost(stack.port(0)).withToken(partnerToken);
		Http matching = Http.localhost(stack.port(1)).withToken(adminToken);
		Http waitlist = Http.localhost(stack.port(2)).withToken(adminToken);
		Http notification = Http.localhost(stack.port(3)).withToken(adminToken);
		assertThat(Http.localhost(stack.port(0)).get("/api/v1/referrals/any").status()).isEqualTo(401);

		Http.Answer posted = referral.postJson("/api/v1/referrals", Fixtures.repositoryFile("examples/referral.json"));
		assertThat(posted.status()).isEqualTo(201);
		String id = posted.json("$.referralId");
		assertThat(referral.get("/api/v1/referrals/" + id).status()).isEqualTo(200);

		Http.Answer queued = await().atMost(ofSeconds(60))
			.until(() -> waitlist.get("/api/v1/queue?referralId=" + id),
					answer -> List.of("PROPOSED", "WAITING").containsAll(answer.<List<String>>json("$.items[*].status"))
							&& answer.<List<String>>json("$.items[*].status").size() == 1);
		if ("PROPOSED".equals(queued.<String>json("$.items[0].status"))) {
			String therapistId = queued.json("$.items[0].proposal.therapistId");
			Http.Answer therapist = matching.get("/api/v1/therapists/" + therapistId);
			assertThat(therapist.<List<String>>json("$.languages")).containsAnyOf("fr", "es");
			assertThat(queued.<List<String>>json("$.items[0].proposal.explanation.constraintsMet"))
				.contains("SHARED_LANGUAGE", "COMMON_SLOT")
				// The example's household pays a low fee: it needs one of the low-fee
				// places.
				.containsAnyOf("FREE_PLACE", "LOW_FEE_PLACE");
		}
		// The closed loop: the referrer sees what became of the referral.
		await().atMost(ofSeconds(60))
			.untilAsserted(() -> assertThat(referral.get("/api/v1/referrals/" + id).<String>json("$.status"))
				.isIn("PROPOSED", "WAITLISTED"));
		await().atMost(ofSeconds(60)).untilAsserted(() -> {
			Http.Answer deliveries = notification.get("/api/v1/deliveries?referralId=" + id);
			assertThat(deliveries.status()).isEqualTo(200);
			assertThat(deliveries.<List<Object>>json("$[*]")).isNotEmpty();
		});
		for (int port : List.of(stack.port(0), stack.port(1), stack.port(2), stack.port(3),
				stack.authorizationPort())) {
			Http service = Http.localhost(port);
			assertThat(service.get("/actuator/health").<String>json("$.status")).isEqualTo("UP");
			assertThat(service.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
		}
	}

}

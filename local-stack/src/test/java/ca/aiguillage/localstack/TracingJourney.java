package ca.aiguillage.localstack;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One referral, one trace: a running stack's services export their spans over OTLP/HTTP
 * to a receiver in the test ({@link #EXPORT}, read as they start), and the partner's
 * POST, the outbox, each Kafka hop and the services that react share one trace id, with
 * nothing about the client in any span.
 */
final class TracingJourney {

	/** The settings that send every span to the receiver; its endpoint is left empty. */
	static final Map<String, String> EXPORT = Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "",
			"management.opentelemetry.tracing.export.schedule-delay", "200ms",
			"management.tracing.sampling.probability", "1.0");

	/** The traced client: another person than the other journeys' referrals. */
	private static final Map<String, String> PERSON = Map.of("CLSC-AHU-2026-0142", "CLSC-AHU-2026-0555", "\"Tremblay\"",
			"\"Bouchard\"", "marie-eve.tremblay@", "marie-eve.bouchard@", "+1 514 555 0142", "+1 514 555 0555");

	private TracingJourney() {
	}

	static void partnersReferralIsOneTraceFromItsRequestThroughEveryServiceThatReactsAndNoSpanNamesTheClient(
			LocalStack stack, OtlpReceiver receiver) {
		String partnerToken = ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner",
				"demo-partner-secret");
		// The partner's own trace context: the stack continues it, so the test knows the
		// id.
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
		String referral = Fixtures.repositoryFile("examples/referral.json");
		for (Map.Entry<String, String> change : PERSON.entrySet()) {
			referral = referral.replace(change.getKey(), change.getValue());
		}

		Http.Answer posted = Http.localhost(stack.port(0))
			.withToken(partnerToken)
			.postJson("/api/v1/referrals", referral, "traceparent", traceparent);
		assertThat(posted.status()).isEqualTo(201);
		// Spans arrive as each service exports them: wait for the whole journey.
		await().atMost(ofSeconds(90)).untilAsserted(() -> {
			List<OtlpReceiver.Span> trace = receiver.spans()
				.stream()
				.filter(span -> span.traceId().equals(traceId))
				.toList();
			assertThat(trace).extracting(OtlpReceiver.Span::service)
				.contains("referral-service", "matching-service", "waitlist-service", "notification-service");
			assertThat(trace).anySatisfy(span -> {
				assertThat(span.service()).isEqualTo("referral-service");
				assertThat(span.name()).isEqualToIgnoringCase("http post /api/v1/referrals");
			});
			// notification-service takes the referral's events in the same trace.
			assertThat(trace).anySatisfy(span -> {
				assertThat(span.service()).isEqualTo("notification-service");
				assertThat(span.name()).endsWith(" process");
			});
			// Each hop: the relay's publication, the producer's send, the consumer's
			// processing; then matching's own outbox carries the trace on.
			assertThat(trace).extracting(OtlpReceiver.Span::name)
				.contains("outbox publish referral.events", "referral.events send", "referral.events process",
						"outbox publish matching.events", "matching.events send", "matching.events process");
		});

		String sent = receiver.everythingSent();
		assertThat(sent).isNotEmpty();
		for (String personal : List.of("Marie-Ève", "Marie-", "Bouchard", "marie-eve.bouchard@example.org",
				"example.org", "555 0555", "5145550555", "5550555", "H2M 1K5", "1991-04-12", "Anxiété")) {
			assertThat(sent).as("what the services exported").doesNotContainIgnoringCase(personal);
		}
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}

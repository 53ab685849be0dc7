package ca.aiguillage.notification.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ca.aiguillage.testing.KafkaProbe;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message sent later by a lane is still in the trace of the event that called for it.
 */
@Import(DeliveryTraceIntegrationTests.CollectedSpans.class)
class DeliveryTraceIntegrationTests extends RunningNotificationService {

	private static final List<SpanData> EXPORTED = new CopyOnWriteArrayList<>();

	@Test
	void emailSentByItsLaneIsAChildSpanOfTheEventsTraceWithNothingPersonalInIt() {
		Client client = newClient("fr");
		String traceId = UUID.randomUUID().toString().replace("-", "");
		Map<String, String> headers = new HashMap<>(
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), SUBMITTED.type(), client.referral()));
		headers.put("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

		this.kafka.send(SUBMITTED.topic(), client.referral(), fixture(SUBMITTED, client.referral()), headers);

		SpanData send = await().atMost(ofSeconds(60))
			.until(() -> EXPORTED.stream()
				.filter(span -> span.getName().equals("notification send email") && span.getTraceId().equals(traceId))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(send.getParentSpanContext().isValid()).isTrue();
		assertThat(send.getName() + send.getAttributes()).doesNotContain(client.email(), client.referral());
		assertThat(mailTo(client.email())).hasSize(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CollectedSpans {

		@Bean
		SpanExporter collectingSpanExporter() {
			return new SpanExporter() {

				@Override
				public CompletableResultCode export(Collection<SpanData> spans) {
					EXPORTED.addAll(spans);
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode flush() {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode shutdown() {
					return CompletableResultCode.ofSuccess();
				}

			};
		}

	}

}

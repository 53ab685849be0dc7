package ca.aiguillage.platform.tracing;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a span may hold is ours, what may identify a client is dropped before export: a
 * real OpenTelemetry SDK ends spans into {@link PrivateSpans}.
 */
class PrivateSpansTests {

	private final List<SpanData> exported = new CopyOnWriteArrayList<>();

	@Test
	void fullUrlsExceptionMessagesAndStatusDescriptionsNeverLeaveButRoutesAndTypesDo() {
		try (SdkTracerProvider tracing = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(new PrivateSpans(new Collecting())))
			.build()) {
			Span span = tracing.get("test").spanBuilder("http get /api/v1/queue").startSpan();
			span.setAttribute("uri", "/api/v1/queue");
			span.setAttribute("http.url", "/api/v1/queue?search=Tremblay");
			span.setAttribute("db.statement", "{find: {email: 'marie-eve.tremblay@example.org'}}");
			span.setAttribute(AttributeKey.longKey("http.status_code"), 500L);
			span.recordException(new IllegalStateException("No referral for +15145550142"));
			span.setStatus(StatusCode.ERROR, "No referral for +15145550142");
			span.end();
		}

		assertThat(this.exported).hasSize(1);
		SpanData span = this.exported.get(0);
		String everything = span.getName() + span.getAttributes()
				+ span.getEvents().stream().map(event -> event.getName() + event.getAttributes()).toList()
				+ span.getStatus().getDescription();
		assertThat(everything).doesNotContain("Tremblay", "tremblay", "5145550142");
		assertThat(span.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("uri"), "/api/v1/queue")
			.containsEntry(AttributeKey.longKey("http.status_code"), 500L)
			.doesNotContainKeys(AttributeKey.stringKey("http.url"), AttributeKey.stringKey("db.statement"));
		assertThat(span.getEvents()).singleElement()
			.satisfies(event -> assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
				.isEqualTo(IllegalStateException.class.getName()));
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getStatus().getDescription()).isEmpty();
	}

	private final class Collecting implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			PrivateSpansTests.this.exported.addAll(spans);
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

	}

}

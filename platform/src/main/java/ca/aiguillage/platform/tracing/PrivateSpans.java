package ca.aiguillage.platform.tracing;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Every span leaves the process through this exporter, which drops what may hold personal
 * data: full URLs (a query string can hold a name or an email; the route template stays
 * in {@code uri}), database statements, message payloads, exceptions' messages and stack
 * traces (only their type stays) and the status' description.
 */
public final class PrivateSpans implements SpanExporter {

	static final Set<String> DROPPED = Set.of("http.url", "url.full", "url.query", "url.path", "http.target",
			"db.statement", "db.query.text", "db.operation.parameter", "messaging.message.body", "exception.message",
			"exception.stacktrace", "error.message", "user.email", "user.name", "enduser.id");

	private final SpanExporter delegate;

	public PrivateSpans(SpanExporter delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		return this.delegate.export(spans.stream().<SpanData>map(Redacted::new).toList());
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@SuppressWarnings("unchecked")
	static Attributes redact(Attributes attributes) {
		AttributesBuilder kept = Attributes.builder();
		attributes.forEach((key, value) -> {
			if (!DROPPED.contains(key.getKey())) {
				kept.put((AttributeKey<Object>) key, value);
			}
		});
		return kept.build();
	}

	private static final class Redacted extends DelegatingSpanData {

		private final Attributes attributes;

		private final List<EventData> events;

		private Redacted(SpanData span) {
			super(span);
			this.attributes = redact(span.getAttributes());
			this.events = span.getEvents()
				.stream()
				.map(event -> EventData.create(event.getEpochNanos(), event.getName(), redact(event.getAttributes()),
						event.getTotalAttributeCount()))
				.toList();
		}

		@Override
		public Attributes getAttributes() {
			return this.attributes;
		}

		@Override
		public List<EventData> getEvents() {
			return this.events;
		}

		@Override
		public StatusData getStatus() {
			StatusCode code = super.getStatus().getStatusCode();
			// A description is often an exception's message.
			return StatusData.create(code, "");
		}

		@Override
		public int getTotalAttributeCount() {
			return this.attributes.size();
		}

	}

}

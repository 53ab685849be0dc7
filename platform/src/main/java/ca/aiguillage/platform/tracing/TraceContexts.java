package ca.aiguillage.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

/**
 * Carries a trace across the outbox: the change that raises an event notes the current
 * trace context (W3C {@code traceparent}), and the relay, on its own thread later,
 * publishes the event inside a span continuing it, so that the Kafka producer's
 * {@code traceparent} header joins the event to the request or event that caused it.
 */
public final class TraceContexts {

	/** For a service without tracing: nothing noted, nothing continued. */
	public static final TraceContexts NONE = new TraceContexts(null, null, ObservationRegistry.NOOP);

	static final String TRACEPARENT = "traceparent";

	/** The observation (and span) around each publication of an outbox entry. */
	public static final String OUTBOX_PUBLISH = "aiguillage.outbox.publish";

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	private final ObservationRegistry observations;

	public TraceContexts(@Nullable Tracer tracer, @Nullable Propagator propagator, ObservationRegistry observations) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.observations = observations;
	}

	/**
	 * The current trace context.
	 * @return its W3C {@code traceparent}, or null outside any span
	 */
	public @Nullable String current() {
		Span span = (this.tracer != null) ? this.tracer.currentSpan() : null;
		if (span == null || this.propagator == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Runs work inside a span that continues a noted trace context.
	 * @param traceparent a context from {@link #current()}, or null to run the work as is
	 * @param name what the span is named after (no personal data)
	 * @param work the work
	 * @param <T> its result
	 * @return the work's result
	 */
	public <T> T continuing(@Nullable String traceparent, String name, Supplier<T> work) {
		if (traceparent == null) {
			return work.get();
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
		context.setCarrier(Map.of(TRACEPARENT, traceparent));
		return Observation.createNotStarted(OUTBOX_PUBLISH, () -> context, this.observations)
			.contextualName(name)
			.observe(work);
	}

}

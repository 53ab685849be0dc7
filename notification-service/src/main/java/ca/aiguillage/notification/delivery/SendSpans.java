package ca.aiguillage.notification.delivery;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts a send in the referral's trace: a delivery is recorded while its event is consumed
 * but sent later by a lane, on another thread, so the send runs in a child span of the
 * trace context the delivery kept.
 */
@Component
class SendSpans {

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	SendSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable();
		this.propagator = propagator.getIfAvailable();
	}

	/**
	 * Runs a send in a child span of a kept trace context, or as is without one.
	 * @param name the span's name, which says what, never to whom
	 */
	void within(@Nullable String traceparent, String name, Runnable send) {
		if (traceparent == null || this.tracer == null || this.propagator == null) {
			send.run();
			return;
		}
		Span span = this.propagator.extract(Map.of("traceparent", traceparent), Map::get).name(name).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			send.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}

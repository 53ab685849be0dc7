package ca.aiguillage.platform.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Tracing as every service has it: Micrometer Tracing's OpenTelemetry bridge (sampling:
 * {@code management.tracing.sampling.probability}), spans exported over OTLP only when
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set, and always
 * through {@link PrivateSpans}.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

	@Bean
	TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
			ObjectProvider<ObservationRegistry> observations) {
		return new TraceContexts(tracer.getIfAvailable(), propagator.getIfAvailable(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/**
	 * A request is traced as one span with its path and status, the caller's checks
	 * (authentication, authorization) within it; the security filter chain is not traced
	 * filter by filter: a dozen spans a request that said nothing a reader needed, and
	 * observations that cost a few percent of a referral's processor time
	 * ({@code docs/performance.md}).
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.withDefaults().build();
	}

	@Bean
	static BeanPostProcessor privateSpans() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// Whatever exporter is configured, nothing leaves without being redacted.
				return (bean instanceof SpanExporter exporter && !(bean instanceof PrivateSpans))
						? new PrivateSpans(exporter) : bean;
			}
		};
	}

}

package ca.aiguillage.platform.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing as Spring Boot configures it with the platform's part: spans leave a service
 * only where an OTLP endpoint is set, and then only through {@link PrivateSpans}.
 */
class TracingConfigurationTests {

	private final ApplicationContextRunner services = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				OtlpTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
		.withUserConfiguration(TracingConfiguration.class)
		.withPropertyValues("spring.application.name=referral-service");

	@Test
	void nothingIsExportedWithoutAnEndpoint() {
		this.services.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
			assertThat(context).hasSingleBean(TraceContexts.class);
		});
	}

	@Test
	void theSecurityFilterChainIsNotTracedFilterByFilterWhileTheCallersChecksAre() {
		this.services.run(context -> {
			SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
			assertThat(settings.shouldObserveRequests()).isFalse();
			assertThat(settings.shouldObserveAuthentications()).isTrue();
			assertThat(settings.shouldObserveAuthorizations()).isTrue();
		});
	}

	@Test
	void anEndpointExportsThroughTheRedactingExporterOnly() {
		this.services
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces")
			.run(context -> assertThat(context.getBeansOfType(SpanExporter.class).values()).isNotEmpty()
				.allSatisfy(exporter -> assertThat(exporter).isInstanceOf(PrivateSpans.class)));
	}

}

package ca.aiguillage.referral.api;

import java.time.Duration;
import java.util.function.Supplier;

import ca.aiguillage.platform.web.UnavailableException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How many referrals the partner API works on at once. One past them waits a moment for a
 * place, then is refused with 503, {@code Retry-After} and nothing stored: a burst (a
 * hospital's morning batch, a replay after an outage) is told at once to come back,
 * instead of each request waiting behind all the others until the partner's client gives
 * up without knowing whether its referral was stored. A retry with the same
 * {@code Idempotency-Key} registers it once whatever happened before.
 */
@Component
@EnableConfigurationProperties(IntakeAdmissionSettings.class)
class IntakeAdmission {

	/** Referrals refused because intake was full. */
	static final String METRIC = "aiguillage.intake.admission.refused";

	private final Bulkhead places;

	private final Duration retryAfter;

	private final Counter refused;

	IntakeAdmission(IntakeAdmissionSettings settings, MeterRegistry meters) {
		this.places = Bulkhead.of("partner-intake",
				BulkheadConfig.custom()
					.maxConcurrentCalls(settings.maxConcurrent())
					.maxWaitDuration(settings.maxWait())
					.fairCallHandlingStrategyEnabled(true)
					.build());
		this.retryAfter = settings.retryAfter();
		this.refused = meters.counter(METRIC);
	}

	/**
	 * Runs one intake in a free place, waiting for one at most the settings' time.
	 * @param intake the intake
	 * @param <T> its answer
	 * @return its answer
	 * @throws UnavailableException {@code intake-busy}, with when to ask again, when no
	 * place came free in time; the intake has not run
	 */
	<T> T admit(Supplier<T> intake) {
		try {
			return this.places.executeSupplier(intake);
		}
		catch (BulkheadFullException ex) {
			this.refused.increment();
			throw new UnavailableException("intake-busy", ex, this.retryAfter);
		}
	}

	/** For tests: the places, to fill them as intakes in flight would. */
	Bulkhead places() {
		return this.places;
	}

}

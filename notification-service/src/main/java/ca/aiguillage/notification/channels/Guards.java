package ca.aiguillage.notification.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * One circuit breaker per provider or endpoint, inside one retry with exponential
 * back-off, recording every attempt.
 */
public final class Guards {

	/**
	 * The longest one attempt takes before its outcome can be unsure: a connection and
	 * some ten replies of 10 s each, rounded up. No retry starts with less of the
	 * sender's window left.
	 */
	static final Duration LONGEST_ATTEMPT = Duration.ofMinutes(2);

	private final RetryRegistry retries;

	private final CircuitBreakerRegistry breakers;

	private final Clock clock;

	public Guards(ChannelSettings.Retry retry, ChannelSettings.CircuitBreaker breaker, Clock clock) {
		this.clock = clock;
		this.retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(retry.maxAttempts())
			.intervalFunction(
					IntervalFunction.ofExponentialBackoff(retry.initialBackoff().toMillis(), retry.multiplier()))
			.retryOnException(Guards::worthRetrying)
			.failAfterMaxAttempts(false)
			.build());
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.failureRateThreshold(breaker.failureRateThreshold())
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(Math.min(5, breaker.slidingWindowSize()))
			.waitDurationInOpenState(breaker.waitInOpenState())
			// A refused address says nothing about the provider's health.
			.ignoreException(ex -> ex instanceof ChannelFailure failure && failure.permanent())
			.build());
	}

	/**
	 * One attempt and how it ended.
	 *
	 * @param at when it ended
	 * @param outcome {@code OK}, or the failure's reason
	 */
	public record Attempt(Instant at, String outcome) {
	}

	/**
	 * Calls through the breaker named, retrying what is worth retrying.
	 * @param name the provider or endpoint, such as {@code sms} or
	 * {@code webhook:https://…}
	 * @param attempts receives every attempt, the last one included
	 * @param <T> the call's result
	 * @return the result of the first attempt that succeeded
	 * @throws ChannelFailure after the last attempt, or at once when permanent
	 */
	public <T> T call(String name, Supplier<T> call, List<Attempt> attempts) {
		CircuitBreaker breaker = this.breakers.circuitBreaker(name);
		Retry retry = this.retries.retry(name);
		AtomicInteger tried = new AtomicInteger();
		Supplier<T> recorded = () -> {
			Duration left = SendWindow.remaining();
			if (tried.getAndIncrement() > 0 && left != null && left.compareTo(LONGEST_ATTEMPT) < 0) {
				// Another attempt could outlive the lease: the dispatcher tries later.
				throw new OutOfTime(attempts.isEmpty() ? "SEND_WINDOW_CLOSED" : attempts.getLast().outcome());
			}
			try {
				T result = breaker.executeSupplier(call);
				attempts.add(new Attempt(this.clock.instant(), "OK"));
				return result;
			}
			catch (RuntimeException ex) {
				attempts.add(new Attempt(this.clock.instant(), reasonOf(ex)));
				throw ex;
			}
		};
		try {
			return Retry.decorateSupplier(retry, recorded).get();
		}
		catch (ChannelFailure ex) {
			throw ex;
		}
		catch (CallNotPermittedException ex) {
			throw new ChannelFailure(false, "CIRCUIT_OPEN " + name, ex);
		}
		catch (RuntimeException ex) {
			throw new ChannelFailure(false, reasonOf(ex), ex);
		}
	}

	/** The breaker's state, for the tests and the metrics. */
	public String state(String name) {
		return this.breakers.circuitBreaker(name).getState().name();
	}

	private static boolean worthRetrying(Throwable ex) {
		return !(ex instanceof OutOfTime) && (!(ex instanceof ChannelFailure failure) || !failure.permanent());
	}

	/** A passing failure with no time left in the sender's window for another attempt. */
	private static final class OutOfTime extends ChannelFailure {

		OutOfTime(String reason) {
			super(false, reason);
		}

	}

	private static String reasonOf(Throwable ex) {
		return switch (ex) {
			case ChannelFailure failure -> failure.reason();
			case CallNotPermittedException _ -> "CIRCUIT_OPEN";
			default -> ex.getClass().getSimpleName();
		};
	}

}

package ca.aiguillage.localstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The local stack's demo time: it stands still in the past while the services start; then
 * the demo history moves it on one demo hour at a time, each hour flowing within about
 * the real time it is given, so that a busy machine slows the history down instead of
 * skipping through it; once it reaches the real time it is the real time for good. Every
 * service of a stack that plays the demo history gets this one clock, so that months of
 * referrals, proposals and therapies happen in minutes with believable dates.
 */
final class DemoClock extends Clock {

	private static final Duration STEP = Duration.ofHours(1);

	private final long speed;

	private final LongSupplier nanos;

	private final Clock real;

	private volatile Instant hour;

	private volatile long hourStartedNanos;

	private volatile boolean running;

	private volatile boolean caughtUp;

	/**
	 * @param start the demo time it starts at
	 * @param demoHourEvery the real time one demo hour takes
	 */
	DemoClock(Instant start, Duration demoHourEvery) {
		this(start, demoHourEvery, Clock.systemUTC(), System::nanoTime);
	}

	DemoClock(Instant start, Duration demoHourEvery, Clock real, LongSupplier nanos) {
		this.hour = start;
		this.speed = Math.max(1, STEP.toNanos() / Math.max(1, demoHourEvery.toNanos()));
		this.real = real;
		this.nanos = nanos;
	}

	/** Lets the demo time flow through its first hour. */
	void run() {
		this.hourStartedNanos = this.nanos.getAsLong();
		this.running = true;
	}

	/**
	 * Moves on to the next demo hour (the history calls it once the hour's work is done).
	 */
	synchronized void nextHour() {
		this.hour = this.hour.plus(STEP);
		this.hourStartedNanos = this.nanos.getAsLong();
		instant();
	}

	@Override
	public Instant instant() {
		Instant now = this.real.instant();
		if (this.caughtUp) {
			return now;
		}
		Instant hour = this.hour;
		Instant demo = hour;
		if (this.running) {
			long flowed = Math.min(STEP.toNanos(), (this.nanos.getAsLong() - this.hourStartedNanos) * this.speed);
			demo = hour.plusNanos(Math.max(0, flowed));
		}
		if (!demo.isBefore(now)) {
			// Once caught up, never behind again: no date may go back.
			this.caughtUp = true;
			return now;
		}
		return demo;
	}

	/**
	 * @return whether the demo time reached the real time (it is the real time from then
	 * on)
	 */
	boolean caughtUp() {
		instant();
		return this.caughtUp;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		DemoClock demo = this;
		// The same demo time, seen from another zone.
		return new Clock() {

			@Override
			public Instant instant() {
				return demo.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return demo.withZone(other);
			}

		};
	}

}

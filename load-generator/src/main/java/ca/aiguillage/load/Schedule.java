package ca.aiguillage.load;

import java.time.Duration;

/**
 * When each referral is offered: a fixed rate, or a ramp from one rate to another, for a
 * fixed duration. Open loop: a referral is offered at its time whether or not the earlier
 * ones were answered, so a slow stack shows in the latencies, not in a lower rate.
 *
 * @param fromRate referrals per second at the start
 * @param toRate referrals per second at the end (the same for a fixed rate)
 * @param duration how long
 */
record Schedule(double fromRate, double toRate, Duration duration) {

	Schedule {
		if (fromRate <= 0 || toRate <= 0 || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("Rates and duration must be positive");
		}
	}

	static Schedule fixed(double rate, Duration duration) {
		return new Schedule(rate, rate, duration);
	}

	/** How many referrals the schedule offers. */
	long count() {
		return Math.round((this.fromRate + this.toRate) / 2 * seconds());
	}

	/**
	 * When the n-th referral is due.
	 * @param n from 0
	 * @return nanoseconds after the start
	 */
	long dueNanos(long n) {
		double slope = (this.toRate - this.fromRate) / seconds();
		// The time t at which fromRate·t + slope·t²/2 referrals have been offered.
		double t = (slope == 0) ? n / this.fromRate
				: (-this.fromRate + Math.sqrt(this.fromRate * this.fromRate + 2 * slope * n)) / slope;
		return (long) (t * 1e9);
	}

	private double seconds() {
		return this.duration.toMillis() / 1000.0;
	}

	String describe() {
		return (this.fromRate == this.toRate)
				? String.format("%s/s for %d s", rate(this.fromRate), duration.toSeconds()) : String.format(
						"ramp %s/s to %s/s over %d s", rate(this.fromRate), rate(this.toRate), duration.toSeconds());
	}

	private static String rate(double rate) {
		return (rate == Math.rint(rate)) ? String.valueOf((long) rate) : String.valueOf(rate);
	}

}

package ca.aiguillage.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** One latency figure: an HdrHistogram in microseconds, up to an hour, 3 digits. */
final class Latency {

	private final String name;

	private final Histogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);

	Latency(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	void recordNanos(long nanos) {
		this.histogram.recordValue(Math.min(Math.max(0, nanos / 1_000), this.histogram.getHighestTrackableValue()));
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	/**
	 * A percentile in milliseconds.
	 * @param percentile 50, 95, 99 or 100 for the maximum
	 * @return milliseconds, or NaN when nothing was recorded
	 */
	double millis(double percentile) {
		if (count() == 0) {
			return Double.NaN;
		}
		long micros = (percentile >= 100) ? this.histogram.getMaxValue()
				: this.histogram.getValueAtPercentile(percentile);
		return micros / 1000.0;
	}

}

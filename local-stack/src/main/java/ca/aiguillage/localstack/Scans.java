package ca.aiguillage.localstack;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded store's queries that read a whole collection: how many began since the
 * store started, and how many are reading now.
 */
final class Scans {

	private final LongAdder begun = new LongAdder();

	private final AtomicInteger reading = new AtomicInteger();

	void begin() {
		this.begun.increment();
		this.reading.incrementAndGet();
	}

	void end() {
		this.reading.decrementAndGet();
	}

	long begun() {
		return this.begun.sum();
	}

	int reading() {
		return this.reading.get();
	}

}

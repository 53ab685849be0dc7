package ca.aiguillage.localstack;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded store's queries that read a whole collection: how many began since the
 * store started, and how many are reading now; and how many passes over every document of
 * a collection began, for a query or to fill an index.
 */
final class Scans {

	private final LongAdder begun = new LongAdder();

	private final AtomicInteger reading = new AtomicInteger();

	private final LongAdder streamed = new LongAdder();

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

	/**
	 * A pass over every document of a collection began (a query's, or an index's fill).
	 */
	void streamed() {
		this.streamed.increment();
	}

	long streamedCount() {
		return this.streamed.sum();
	}

}

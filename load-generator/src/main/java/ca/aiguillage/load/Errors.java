package ca.aiguillage.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Errors by kind ("HTTP 503", "ConnectException"): never a person's data. */
final class Errors {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	void add(String kind) {
		this.counts.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
	}

	void add(String kind, long count) {
		if (count > 0) {
			this.counts.computeIfAbsent(kind, (key) -> new LongAdder()).add(count);
		}
	}

	long total() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	Map<String, Long> byKind() {
		Map<String, Long> kinds = new TreeMap<>();
		this.counts.forEach((kind, count) -> kinds.put(kind, count.sum()));
		return kinds;
	}

}

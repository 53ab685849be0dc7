package ca.aiguillage.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The documents that have something due, each with the time it is next due, earliest
 * first: how a poller finds due timers or deliveries without querying a collection (the
 * embedded store would scan it every round). The saves of this instance keep it up to
 * date ({@link #schedule}, usually from
 * {@link ca.aiguillage.platform.outbox.Aggregates#afterSave}); the first look-up fills it
 * with one scan of the store, and a slow safety-net scan adds what other instances wrote
 * (an instance that died leaves its work to the others). A time may be stale: whoever
 * acts on a due id reads the document, decides on what is stored, and schedules it again.
 */
public final class DueTimes {

	private final Supplier<Map<String, Instant>> scan;

	private final Duration scanInterval;

	private final TreeSet<Due> byTime = new TreeSet<>();

	private final Map<String, Instant> byId = new HashMap<>();

	private long nextScanNanos;

	private boolean scanned;

	/**
	 * A due list rebuilt from the store.
	 * @param scan reads every document with something due, and when (a query through a
	 * partial index on a real MongoDB; a full scan on the embedded store, at start and
	 * once per {@code scanInterval})
	 * @param scanInterval how often the safety-net scan runs
	 */
	public DueTimes(Supplier<Map<String, Instant>> scan, Duration scanInterval) {
		this.scan = scan;
		this.scanInterval = scanInterval;
	}

	/**
	 * Records when a document is next due.
	 * @param id the document's id
	 * @param at when it is next due, or null when nothing is
	 */
	public synchronized void schedule(String id, @Nullable Instant at) {
		Instant previous = (at != null) ? this.byId.put(id, at) : this.byId.remove(id);
		if (previous != null) {
			this.byTime.remove(new Due(previous, id));
		}
		if (at != null) {
			this.byTime.add(new Due(at, id));
		}
	}

	/**
	 * The documents due now, the most overdue first; scans the store first when this is
	 * the first look-up or the safety-net scan is due.
	 * @param now the time
	 * @param limit how many at most
	 * @return their ids
	 */
	public List<String> due(Instant now, int limit) {
		scanIfDue();
		synchronized (this) {
			List<String> due = new ArrayList<>();
			for (Due next : this.byTime) {
				if (next.at().isAfter(now) || due.size() == limit) {
					break;
				}
				due.add(next.id());
			}
			return due;
		}
	}

	/**
	 * How many documents have something due, now or later.
	 * @return the count
	 */
	public synchronized int size() {
		return this.byId.size();
	}

	private void scanIfDue() {
		synchronized (this) {
			if (this.scanned && System.nanoTime() - this.nextScanNanos < 0) {
				return;
			}
		}
		// Outside the lock: saves keep scheduling while the store is read.
		Map<String, Instant> found = this.scan.get();
		synchronized (this) {
			// What this instance saved meanwhile is newer than what the scan read.
			found.forEach((id, at) -> {
				if (!this.byId.containsKey(id)) {
					schedule(id, at);
				}
			});
			this.scanned = true;
			this.nextScanNanos = System.nanoTime() + this.scanInterval.toNanos();
		}
	}

	private record Due(Instant at, String id) implements Comparable<Due> {

		@Override
		public int compareTo(Due other) {
			int byAt = this.at.compareTo(other.at);
			return (byAt != 0) ? byAt : this.id.compareTo(other.id);
		}

	}

}

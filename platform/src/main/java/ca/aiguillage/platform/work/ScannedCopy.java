package ca.aiguillage.platform.work;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An in-memory copy of what a service counts of one collection's documents, for figures
 * asked on every request (the places of a network, the lines of a queue) that a query
 * would compute by reading every document ever stored, each time on the embedded store.
 * This instance's saves keep it up to date ({@link #saved}, usually from
 * {@link ca.aiguillage.platform.outbox.Aggregates#afterSave}); the first look-up fills it
 * with one scan, and a safety-net scan every interval adds what other instances saved and
 * drops what is no longer stored. What this instance saved while a scan was reading is
 * newer than what the scan read, and is kept. A figure may be one interval behind another
 * instance's saves: what reads it must accept an estimate. A {@link Tally} told of every
 * change keeps figures that a request can read without going through every copy.
 *
 * @param <T> what is kept of one document
 */
public final class ScannedCopy<T> {

	private final Supplier<Map<String, T>> scan;

	private final Duration scanInterval;

	private final Map<String, Seen<T>> copies = new ConcurrentHashMap<>();

	private final Tally<T> tally;

	private long nextScanNanos;

	private boolean scanned;

	/** What is kept of one document, and when this instance saw it (System.nanoTime). */
	private record Seen<T>(T value, long at) {
	}

	/**
	 * A copy refilled from the store.
	 * @param scanInterval how often the safety-net scan runs
	 * @param scan reads what is kept of every stored document, by id
	 */
	public ScannedCopy(Duration scanInterval, Supplier<Map<String, T>> scan) {
		this(scanInterval, scan, Tally.none());
	}

	/**
	 * A copy refilled from the store, whose every change a tally is told of.
	 * @param scanInterval how often the safety-net scan runs
	 * @param scan reads what is kept of every stored document, by id
	 * @param tally told of each value as it enters the copy and as it leaves it
	 */
	public ScannedCopy(Duration scanInterval, Supplier<Map<String, T>> scan, Tally<T> tally) {
		this.scanInterval = scanInterval;
		this.scan = scan;
		this.tally = tally;
	}

	/**
	 * What a copy's figures are kept in, told of every value that enters the copy and of
	 * every value that leaves it (replaced or dropped), one document at a time: a value
	 * removed is always one that was added. It is told under the copy's lock for that
	 * document, so it must not read the copy back.
	 *
	 * @param <T> what is kept of one document
	 */
	public interface Tally<T> {

		/**
		 * A value entered the copy.
		 * @param value what is kept of the document now
		 */
		void add(T value);

		/**
		 * A value left the copy.
		 * @param value what was kept of the document until now
		 */
		void remove(T value);

		/**
		 * A tally that keeps nothing.
		 * @param <T> what is kept of one document
		 * @return the tally
		 */
		static <T> Tally<T> none() {
			return new Tally<>() {
				@Override
				public void add(T value) {
				}

				@Override
				public void remove(T value) {
				}
			};
		}

	}

	/**
	 * Records what this instance just saved.
	 * @param id the document's id
	 * @param value what is kept of it
	 */
	public void saved(String id, T value) {
		this.copies.compute(id, (key, mine) -> {
			if (mine != null) {
				this.tally.remove(mine.value());
			}
			this.tally.add(value);
			return new Seen<>(value, System.nanoTime());
		});
	}

	/**
	 * What is kept of every document, scanning first when a scan is due.
	 * @return the copies, by id
	 */
	public Stream<Map.Entry<String, T>> entries() {
		scanIfDue();
		return this.copies.entrySet().stream().map(entry -> Map.entry(entry.getKey(), entry.getValue().value()));
	}

	/**
	 * What is kept of every document, scanning first when a scan is due.
	 * @return the copies
	 */
	public Stream<T> values() {
		scanIfDue();
		return this.copies.values().stream().map(Seen::value);
	}

	/**
	 * Scans the store when a scan is due (the first time, then once an interval), so that
	 * what the tally holds is as recent as a read of the copy would be.
	 */
	public synchronized void scanIfDue() {
		long now = System.nanoTime();
		if (this.scanned && now - this.nextScanNanos < 0) {
			return;
		}
		this.scanned = true;
		this.nextScanNanos = now + this.scanInterval.toNanos();
		Map<String, T> found = this.scan.get();
		found.forEach((id, read) -> this.copies.compute(id, (key, mine) -> {
			if (mine != null && mine.at() - now > 0) {
				return mine;
			}
			if (mine != null) {
				this.tally.remove(mine.value());
			}
			this.tally.add(read);
			return new Seen<>(read, now);
		}));
		// Seen before the scan and no longer stored: removed, or rebuilt without it.
		this.copies.forEach((id, seen) -> {
			if (!found.containsKey(id) && seen.at() - now < 0) {
				this.copies.computeIfPresent(id, (key, mine) -> {
					if (mine != seen) {
						return mine;
					}
					this.tally.remove(mine.value());
					return null;
				});
			}
		});
	}

}

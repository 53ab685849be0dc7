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
 * instance's saves: what reads it must accept an estimate.
 *
 * @param <T> what is kept of one document
 */
public final class ScannedCopy<T> {

	private final Supplier<Map<String, T>> scan;

	private final Duration scanInterval;

	private final Map<String, Seen<T>> copies = new ConcurrentHashMap<>();

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
		this.scanInterval = scanInterval;
		this.scan = scan;
	}

	/**
	 * Records what this instance just saved.
	 * @param id the document's id
	 * @param value what is kept of it
	 */
	public void saved(String id, T value) {
		this.copies.put(id, new Seen<>(value, System.nanoTime()));
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

	private synchronized void scanIfDue() {
		long now = System.nanoTime();
		if (this.scanned && now - this.nextScanNanos < 0) {
			return;
		}
		this.scanned = true;
		this.nextScanNanos = now + this.scanInterval.toNanos();
		Map<String, T> found = this.scan.get();
		found.forEach((id, read) -> this.copies.merge(id, new Seen<>(read, now),
				(mine, scanned) -> (mine.at() - now > 0) ? mine : scanned));
		// Seen before the scan and no longer stored: removed, or rebuilt without it.
		this.copies.forEach((id, mine) -> {
			if (!found.containsKey(id) && mine.at() - now < 0) {
				this.copies.remove(id, mine);
			}
		});
	}

}

package ca.aiguillage.platform.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The relay's work list: the documents known to hold unpublished events, filled by every
 * save that left events in a document's outbox and by the relay's scans. Each mark
 * carries a stamp, so that a round that published a document forgets it only if no save
 * marked it again meanwhile.
 */
final class PendingDocuments {

	private final Map<Pending, Long> marks = new ConcurrentHashMap<>();

	private final AtomicLong stamps = new AtomicLong();

	/**
	 * A document of an aggregate collection.
	 *
	 * @param collection the collection
	 * @param id the document's {@code _id}
	 */
	record Pending(String collection, Object id) {
	}

	void mark(String collection, Object id) {
		this.marks.put(new Pending(collection, id), this.stamps.incrementAndGet());
	}

	/**
	 * The documents marked longest ago, with their stamps.
	 * @param limit how many at most
	 * @param skip documents to leave for a later round
	 * @return the documents and the stamps they had when taken, oldest mark first
	 */
	List<Map.Entry<Pending, Long>> take(int limit, Predicate<Pending> skip) {
		// Oldest first: documents saved again and again must not keep the others waiting.
		return this.marks.entrySet()
			.stream()
			.filter(mark -> !skip.test(mark.getKey()))
			.map(mark -> Map.entry(mark.getKey(), mark.getValue()))
			.sorted(Map.Entry.comparingByValue())
			.limit(limit)
			.toList();
	}

	/** Forgets a document unless it was marked again since it was taken. */
	void done(Pending pending, long stamp) {
		this.marks.remove(pending, stamp);
	}

	int size() {
		return this.marks.size();
	}

}

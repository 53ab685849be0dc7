package ca.aiguillage.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * When each referral became visible in the queue, and when the queue showed its first
 * decision: its entry in waitlist-service's {@code queue} collection has a status (an
 * entry kept for events that came before the referral has none, and no view shows it),
 * then a status past {@code SUBMITTED} (PROPOSED or WAITING). Each pending referral is
 * read by {@code _id} (an index lookup on both stores), round after round, until both
 * show.
 */
final class QueueWatch implements AutoCloseable {

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();

	private final Map<String, Long> decidedAt = new ConcurrentHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final MongoClient client;

	private final Thread thread;

	QueueWatch(String mongoUri) {
		this.client = MongoClients.create(mongoUri);
		MongoCollection<Document> queue = this.client.getDatabase("waitlist").getCollection("queue");
		this.thread = Thread.ofPlatform().name("queue-watch").daemon().start(() -> {
			while (this.running.get()) {
				for (String id : this.pending) {
					Document entry;
					try {
						entry = queue.find(Filters.eq("_id", id)).projection(Projections.include("status")).first();
					}
					catch (RuntimeException ex) {
						// A read timed out under load, or the watch is closing: the next
						// round reads again.
						break;
					}
					Object status = (entry != null) ? entry.get("status") : null;
					if (status != null) {
						long now = System.nanoTime();
						this.visibleAt.putIfAbsent(id, now);
						if (!"SUBMITTED".equals(status)) {
							this.decidedAt.putIfAbsent(id, now);
							this.pending.remove(id);
						}
					}
				}
				try {
					// One round every few milliseconds: the figure's resolution.
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
	}

	void watch(String referralId) {
		if (!this.decidedAt.containsKey(referralId)) {
			this.pending.add(referralId);
		}
	}

	@Nullable Long visibleAt(String referralId) {
		return this.visibleAt.get(referralId);
	}

	@Nullable Long decidedAt(String referralId) {
		return this.decidedAt.get(referralId);
	}

	@Override
	public void close() {
		this.running.set(false);
		try {
			this.thread.join(java.time.Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.client.close();
	}

}

package ca.aiguillage.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * Replaces one document again and again while another thread reads it, and counts the
 * reads that saw part of one write and part of another: a store whose reads can see a
 * half-applied write lets two writers both pass a version check, and one change is lost.
 */
public final class HalfWrittenReads {

	private static final int FIELDS = 1_000;

	private HalfWrittenReads() {
	}

	/**
	 * Writes the document {@code writes} times, each write setting every field to the
	 * write's number, and reads it meanwhile.
	 * @param collection an empty collection of the store under test
	 * @param writes how many writes
	 * @return how many reads saw fields of two different writes
	 * @throws IllegalStateException when the store does not hold the last write
	 * @throws Exception when a thread fails
	 */
	public static int count(MongoCollection<Document> collection, int writes) throws Exception {
		collection.insertOne(written(0));
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> reader = threads.submit(() -> {
				int torn = 0;
				while (writing.get()) {
					Document read = collection.find(Filters.eq("_id", "probe")).first();
					if (read != null
							&& read.values().stream().filter(Integer.class::isInstance).distinct().count() > 1) {
						torn++;
					}
				}
				return torn;
			});
			Future<?> writer = threads.submit(() -> {
				try {
					for (int write = 1; write <= writes; write++) {
						collection.replaceOne(Filters.eq("_id", "probe"), written(write));
					}
				}
				finally {
					writing.set(false);
				}
				return null;
			});
			writer.get(5, TimeUnit.MINUTES);
			int torn = reader.get(1, TimeUnit.MINUTES);
			if (!written(writes).equals(collection.find(Filters.eq("_id", "probe")).first())) {
				throw new IllegalStateException("The store does not hold the last write");
			}
			return torn;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Document written(int write) {
		Document document = new Document("_id", "probe");
		for (int field = 0; field < FIELDS; field++) {
			document.append("f" + field, write);
		}
		return document;
	}

}

package ca.aiguillage.localstack;

import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Answers a client's query in batches as MongoDB does: a first batch of at most 101
 * documents unless the client asks for another size, and no batch larger than 16 MiB, the
 * rest through a cursor the client reads with {@code getMore}. mongo-java-server sent
 * every match in its first reply when the client named no batch size (the Java driver
 * names none), and a reply over the 48,000,000 bytes a wire message may hold is refused
 * by the driver: on a store of 43,000 notification cases, notification-service's scan of
 * the unfinished deliveries (80 MB) failed so every 10 s, and nothing was sent. Only the
 * queries of a client's {@code find} are cut ({@link #FIND}); the store's own reads (the
 * documents an update or a delete matches, an index rebuilt) take every match at once, as
 * before.
 */
final class WireBatches {

	/** The documents of a first batch when the client asks for no size: MongoDB's. */
	static final int FIRST_BATCH = 101;

	/** The largest batch in bytes: MongoDB's. */
	static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

	/** Whether the command this thread runs is a client's {@code find}, to be batched. */
	static final ThreadLocal<Boolean> FIND = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private WireBatches() {
	}

	/**
	 * Whether a command is a client's query to be answered in batches: a {@code find}
	 * that does not ask for a single batch (whose cursor it would never read).
	 */
	static boolean batched(String command, Document query) {
		return "find".equalsIgnoreCase(command) && !Boolean.TRUE.equals(query.get("singleBatch"));
	}

	/**
	 * How many of the documents, from the first, go in one batch.
	 * @param documents what is left to send
	 * @param asked the batch size the client asked for, or 0 for none
	 * @param first whether this is the first batch (101 documents when none was asked)
	 * @return how many, at least one when there is one
	 */
	static int batchLength(List<Document> documents, int asked, boolean first) {
		int most = (asked > 0) ? asked : (first ? FIRST_BATCH : Integer.MAX_VALUE);
		int count = Math.min(most, documents.size());
		if (count <= 1) {
			return count;
		}
		long bytes = 0;
		for (int i = 0; i < count; i++) {
			bytes += encodedSize(documents.get(i));
			if (bytes > MAX_BATCH_BYTES) {
				return Math.max(1, i);
			}
		}
		return count;
	}

	/** A document's size as BSON, as it goes on the wire. */
	static int encodedSize(Document document) {
		ByteBuf buffer = Unpooled.buffer();
		try {
			BsonEncoder.encodeDocument(document, buffer);
			return buffer.writerIndex();
		}
		finally {
			buffer.release();
		}
	}

	/** The rest of a query's answer, handed out in batches of at most 16 MiB. */
	static final class Cursor extends AbstractCursor {

		private List<Document> remaining;

		Cursor(long id, List<Document> remaining) {
			super(id);
			this.remaining = List.copyOf(remaining);
		}

		@Override
		public boolean isEmpty() {
			return this.remaining.isEmpty();
		}

		@Override
		public List<Document> takeDocuments(int numberToReturn) {
			int length = batchLength(this.remaining, numberToReturn, false);
			List<Document> batch = this.remaining.subList(0, length);
			this.remaining = this.remaining.subList(length, this.remaining.size());
			return batch;
		}

	}

}

package ca.aiguillage.testing;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * mongo-java-server's in-memory store, whose writes never change a document a read may
 * hold. The plain store applies an update to the stored document in place, field by
 * field, and answers a read with the stored document itself, written to the wire after
 * the collection's lock is let go: a read could see a new version with the old content,
 * and a conditional write decided on it passed the version check and undid another
 * writer's change. Here an update changes a copy and stores the copy in the document's
 * place (copy on write), so a stored document is never changed once stored.
 */
public final class SnapshotMemoryBackend extends MemoryBackend {

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new SnapshotDatabase(databaseName, getCursorRegistry());
	}

	private static final class SnapshotDatabase extends MemoryDatabase {

		SnapshotDatabase(String databaseName, CursorRegistry cursors) {
			super(databaseName, cursors);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new SnapshotCollection(this, collectionName, options, this.cursorRegistry);
		}

	}

	private static final class SnapshotCollection extends MemoryCollection {

		/** The in-memory store's documents by position, which it keeps to itself. */
		private static final Field DOCUMENTS = documentsField();

		// Read and written under the collection's lock only.
		private boolean writing;

		SnapshotCollection(MemoryDatabase database, String collectionName, CollectionOptions options,
				CursorRegistry cursors) {
			super(database, collectionName, options, cursors);
		}

		@Override
		public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
				boolean multi, boolean upsert, Oplog oplog) {
			this.writing = true;
			try {
				return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
			}
			finally {
				this.writing = false;
			}
		}

		@Override
		public synchronized Document findAndModify(Document query) {
			this.writing = true;
			try {
				return super.findAndModify(query);
			}
			finally {
				this.writing = false;
			}
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			QueryResult found = super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			if (!this.writing) {
				return found;
			}
			// A write changes copies of the documents it found, in place...
			List<Document> copies = new ArrayList<>();
			found.forEach(document -> copies.add(document.cloneDeeply()));
			return new QueryResult(copies, found.getCursorId());
		}

		@Override
		protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
			// ...and each changed copy takes its document's place.
			documents().set(position, newDocument);
		}

		@SuppressWarnings("unchecked")
		private List<Document> documents() {
			try {
				return (List<Document>) DOCUMENTS.get(this);
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static Field documentsField() {
			try {
				Field field = MemoryCollection.class.getDeclaredField("documents");
				field.setAccessible(true);
				return field;
			}
			catch (NoSuchFieldException ex) {
				throw new IllegalStateException("mongo-java-server's MemoryCollection changed: see this class", ex);
			}
		}

	}

}

package ca.aiguillage.testing;

import java.util.List;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * mongo-java-server's in-memory store, whose reads answer a copy of each document taken
 * under the collection's lock. The plain store applies a write to the stored document in
 * place, field by field, and answers a read with the stored document itself, written to
 * the wire after the lock is let go: a read could see a new version with the old content,
 * and a conditional write decided on it passed the version check and undid another
 * writer's change.
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

		// Both read and written under the collection's lock only.
		private boolean reading;

		private boolean writing;

		SnapshotCollection(MemoryDatabase database, String collectionName, CollectionOptions options,
				CursorRegistry cursors) {
			super(database, collectionName, options, cursors);
		}

		@Override
		public synchronized QueryResult handleQuery(QueryParameters parameters) {
			this.reading = !this.writing;
			try {
				return super.handleQuery(parameters);
			}
			finally {
				this.reading = false;
			}
		}

		@Override
		protected QueryResult createQueryResult(List<Document> documents, int batchSize) {
			// A write finds its documents through here too, and must get the stored ones
			// to change them.
			return super.createQueryResult(
					this.reading ? documents.stream().map(Document::cloneDeeply).toList() : documents, batchSize);
		}

		@Override
		public synchronized Document findAndModify(Document query) {
			this.writing = true;
			try {
				return super.findAndModify(query).cloneDeeply();
			}
			finally {
				this.writing = false;
			}
		}

		@Override
		public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
			this.writing = true;
			try {
				return super.deleteDocuments(selector, limit, oplog);
			}
			finally {
				this.writing = false;
			}
		}

	}

}

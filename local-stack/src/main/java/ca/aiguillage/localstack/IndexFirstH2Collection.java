package ca.aiguillage.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * A collection of the embedded store that reads through a unique index whenever the query
 * gives that index's fields plain values. mongo-java-server uses an index only for a
 * query naming exactly its fields, so every conditional write ({@code _id} and
 * {@code version}) read the whole collection: a cost that grew with every referral ever
 * stored. The candidates the index gives are still matched against the whole query.
 * <p>
 * Its writes never change a document a read may hold: mongo-java-server applies an update
 * to the document it holds in place, field by field, and answers a read with that same
 * document, written to the wire after the lock is let go. A read could see a new version
 * with the old content, and a conditional write decided on it passed the version check
 * and undid another writer's change. Here an update changes a copy, which takes the
 * document's place (copy on write): a stored document is never changed once stored.
 */
final class IndexFirstH2Collection extends H2Collection {

	/** Whether the command this thread runs read a whole collection. */
	static final ThreadLocal<Boolean> SCANNED = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private final Scans scans;

	private final MVMap<Object, Document> documents;

	// Read and written under the collection's lock only.
	private boolean writing;

	IndexFirstH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors, Scans scans) {
		super(database, collectionName, options, dataMap, metaMap, cursors);
		this.scans = scans;
		this.documents = dataMap;
	}

	/**
	 * A client's {@code find} is answered in batches as MongoDB answers it
	 * ({@link WireBatches}); the store's own reads take every match at once.
	 */
	@Override
	protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
		if (!WireBatches.FIND.get()) {
			return super.createQueryResult(matchedDocuments, batchSize);
		}
		int first = WireBatches.batchLength(matchedDocuments, batchSize, true);
		List<Document> firstBatch = matchedDocuments.subList(0, first);
		if (first == matchedDocuments.size()) {
			return new QueryResult(firstBatch);
		}
		WireBatches.Cursor cursor = new WireBatches.Cursor(this.cursorRegistry.generateCursorId(),
				matchedDocuments.subList(first, matchedDocuments.size()));
		this.cursorRegistry.add(cursor);
		return new QueryResult(firstBatch, cursor);
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

	/**
	 * A query an index answers runs under the collection's lock, as mongo-java-server
	 * runs every query; one that reads the whole collection runs without it. Stored
	 * documents are never changed once stored (above) and H2 reads its maps from the
	 * version current when the read began, so the scan sees each document whole, as it
	 * was before or after any write, while the writes go on: on a store of 10,000
	 * referrals a scan held its collection for up to 11 s, every read and write of it
	 * waiting.
	 */
	@Override
	public QueryResult handleQuery(QueryParameters parameters) {
		Document selector = parameters.getQuerySelector();
		Document query = selector;
		Document orderBy = null;
		for (String[] wrapped : new String[][] { { "query", "orderby" }, { "$query", "$orderby" } }) {
			if (selector.containsKey(wrapped[0])) {
				query = (Document) selector.get(wrapped[0]);
				orderBy = (Document) selector.get(wrapped[1]);
				break;
			}
		}
		synchronized (this) {
			IndexLookUp byIndex = lookUp(query);
			if (byIndex != null) {
				return byIndex.match(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
						parameters.getBatchSize(), parameters.getProjection());
			}
		}
		return matchDocuments(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
				parameters.getBatchSize(), parameters.getProjection());
	}

	/**
	 * A scan without the collection's lock matches with a matcher of its own: the
	 * collection's matcher keeps, for the write under the lock, the array position an
	 * update's {@code $} operator changes.
	 */
	@Override
	protected boolean documentMatchesQuery(Document document, Document query) {
		return Thread.holdsLock(this) ? super.documentMatchesQuery(document, query)
				: new DefaultQueryMatcher().matches(document, query);
	}

	/** An index, and the part of a query it answers. */
	private final class IndexLookUp {

		private final Index<Object> index;

		private final Document part;

		IndexLookUp(Index<Object> index, Document part) {
			this.index = index;
			this.part = part;
		}

		/** The candidates the index gives, matched against the whole query. */
		QueryResult match(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
				Document fieldSelector) {
			return matchDocuments(query, this.index.getPositions(this.part), orderBy, numberToSkip, limit, batchSize,
					fieldSelector);
		}

	}

	/**
	 * The index that answers the query, as mongo-java-server's own look-up (the query
	 * names exactly an index's fields) or through the part of the query a unique index
	 * answers, else through a partial index whose filter the query asks
	 * ({@link PartialFilterIndex}); null when none does and the query reads the whole
	 * collection.
	 */
	private @Nullable IndexLookUp lookUp(Document query) {
		for (Index<Object> index : getIndexes()) {
			if (index instanceof PartialFilterIndex) {
				// Last: a unique index names one document, a partial one all it holds.
				continue;
			}
			if (index.canHandle(query)) {
				return new IndexLookUp(index, query);
			}
			Document byIndex = (query.size() > 1) ? narrowedTo(index, query) : null;
			if (byIndex != null && index.canHandle(byIndex)) {
				return new IndexLookUp(index, byIndex);
			}
		}
		for (Index<Object> index : getIndexes()) {
			if (index instanceof PartialFilterIndex && index.canHandle(query)) {
				return new IndexLookUp(index, query);
			}
		}
		return null;
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		IndexLookUp byIndex = lookUp(query);
		QueryResult found = (byIndex != null)
				? byIndex.match(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
				: matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		if (!this.writing) {
			return found;
		}
		// A write changes copies of the documents it found, in place, and H2Collection
		// puts each changed copy in its document's place.
		List<Document> copies = new ArrayList<>();
		found.forEach(document -> copies.add(document.cloneDeeply()));
		return new QueryResult(copies, found.getCursorId());
	}

	/**
	 * The part of the query a unique index answers: each of its fields with a plain
	 * value.
	 */
	private static Document narrowedTo(Index<Object> index, Document query) {
		if (!index.isUnique()) {
			return null;
		}
		Document narrowed = new Document();
		for (IndexKey key : index.getKeys()) {
			Object value = query.get(key.getKey());
			if (key.getKey().contains(".") || value == null || value instanceof Document
					|| value instanceof java.util.Collection || BsonRegularExpression.isRegularExpression(value)) {
				return null;
			}
			narrowed.put(key.getKey(), value);
		}
		return narrowed;
	}

	/**
	 * Adds an index to the collection. The library fills a new index by reading every
	 * document twice, also for the indexes it does not keep (any but {@code _id} and
	 * unique ones: an {@link EmptyIndex}, filled with nothing), and it adds every stored
	 * index again each time the store opens: on a store of 32,000 referrals, 5 to 8 s for
	 * each index declared, and some 40 s to open the store (docs/performance.md). Those
	 * are now added without reading anything; a unique index is still filled from the
	 * documents, and a partial one ({@link PartialFilterIndex}) once, the first time.
	 */
	@Override
	public void addIndex(Index<Object> index) {
		boolean known = getIndexes().stream().anyMatch((existing) -> existing.getName().equals(index.getName()));
		if (known || !(index instanceof EmptyIndex<Object> || index instanceof PartialFilterIndex)) {
			// The library's own check of a known index's options, and its filling of a
			// unique one.
			super.addIndex(index);
			return;
		}
		if (index instanceof PartialFilterIndex partial && !partial.filled()) {
			if (this.scans != null) {
				this.scans.streamed();
			}
			partial.fill(this.documents.entrySet());
		}
		getIndexes().add(index);
	}

	@Override
	protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
		if (this.scans != null) {
			this.scans.streamed();
		}
		return super.streamAllDocumentsWithPosition();
	}

	@Override
	protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		// Only a query no index answers comes here: it reads every document.
		SCANNED.set(Boolean.TRUE);
		if (this.scans == null) {
			// Null while H2Collection's constructor reads the stored documents.
			return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		this.scans.begin();
		try {
			return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		finally {
			this.scans.end();
		}
	}

}

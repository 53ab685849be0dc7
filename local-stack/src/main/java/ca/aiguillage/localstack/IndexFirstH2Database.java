package ca.aiguillage.localstack;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * One database of the embedded store whose collections answer a query from a unique index
 * whenever the query names that index's field, not only when it names nothing else (see
 * {@link IndexFirstH2Collection}), and whose unique indexes compare their keys without
 * serializing them again at every comparison ({@link IndexKeyType}).
 */
final class IndexFirstH2Database extends H2Database {

	// Set before H2Database's constructor runs: it opens the stored collections.
	private final Parts parts;

	// One for every store of the process: it keeps keys' bytes by the keys' identity.
	private static final IndexKeyType INDEX_KEYS = new IndexKeyType();

	private record Parts(MVStore store, Scans scans) {
	}

	// The description of the index being declared, while the library opens it.
	private static final ThreadLocal<Document> DECLARED = new ThreadLocal<>();

	private IndexFirstH2Database(String databaseName, MVStore store, CursorRegistry cursors, Parts parts) {
		this.parts = parts;
		super(databaseName, store, cursors);
	}

	static IndexFirstH2Database open(String databaseName, MVStore store, CursorRegistry cursors, Scans scans) {
		return new IndexFirstH2Database(databaseName, store, cursors, new Parts(store, scans));
	}

	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		// The map H2Database opens, under the same name, opened first with the key type
		// (the store hands an open map back as it is).
		this.parts.store()
			.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
					new MVMap.Builder<Object, Object>().keyType(INDEX_KEYS));
		return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
	}

	/**
	 * An index with a partial filter is kept ({@link PartialFilterIndex}); any other
	 * index but {@code _id} and unique ones is declared and not kept, as
	 * mongo-java-server does.
	 */
	@Override
	protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		Document description = DECLARED.get();
		if (description == null) {
			description = stored(collectionName, indexName);
		}
		Object filter = (description != null) ? description.get("partialFilterExpression") : null;
		if (!(filter instanceof Document partial) || partial.isEmpty()) {
			return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
		}
		String namespace = getFullCollectionNamespace(collectionName);
		return new PartialFilterIndex(indexName, keys, partial,
				this.parts.store().openMap(namespace + "._partial_" + indexName),
				this.parts.store().openMap("meta." + namespace));
	}

	@Override
	protected void addIndex(Document description) {
		// Declaring an index on a collection not created yet creates it, and declares its
		// _id index on the way.
		Document outer = DECLARED.get();
		DECLARED.set(description);
		try {
			super.addIndex(description);
		}
		finally {
			DECLARED.set(outer);
		}
	}

	/**
	 * An index's description as the store keeps it, read from its map as the store opens
	 * (a query would count as a scan).
	 */
	private @Nullable Document stored(String collectionName, String indexName) {
		String namespace = getFullCollectionNamespace(collectionName);
		MVMap<Object, Document> descriptions = this.parts.store()
			.openMap("databases." + getFullCollectionNamespace("system.indexes"));
		for (Document description : descriptions.values()) {
			if (namespace.equals(description.get("ns")) && indexName.equals(description.get("name"))) {
				return description;
			}
		}
		return null;
	}

	/** The key type of every unique index of the process's stores. */
	static IndexKeyType indexKeys() {
		return INDEX_KEYS;
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		// The same maps H2Database opens, so that files written before stay readable.
		String namespace = getFullCollectionNamespace(collectionName);
		return new IndexFirstH2Collection(this, collectionName, options,
				this.parts.store().openMap("databases." + namespace), this.parts.store().openMap("meta." + namespace),
				this.cursorRegistry, this.parts.scans());
	}

}

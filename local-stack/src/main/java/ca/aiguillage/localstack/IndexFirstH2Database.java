package ca.aiguillage.localstack;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

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

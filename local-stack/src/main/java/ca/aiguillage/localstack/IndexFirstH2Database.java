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

	// H2Database opens the stored collections from its constructor, before this class's
	// fields are set: they are handed over on the constructing thread meanwhile.
	private static final ThreadLocal<Parts> CONSTRUCTING = new ThreadLocal<>();

	private final Parts parts;

	// One for every store of the process: the stored databases are opened while the
	// backend is still being constructed, before its own fields are set.
	private static final IndexKeyType INDEX_KEYS = new IndexKeyType();

	private record Parts(MVStore store, Scans scans) {
	}

	private IndexFirstH2Database(String databaseName, MVStore store, CursorRegistry cursors, Parts parts) {
		super(databaseName, store, cursors);
		this.parts = parts;
	}

	static IndexFirstH2Database open(String databaseName, MVStore store, CursorRegistry cursors, Scans scans) {
		Parts parts = new Parts(store, scans);
		CONSTRUCTING.set(parts);
		try {
			return new IndexFirstH2Database(databaseName, store, cursors, parts);
		}
		finally {
			CONSTRUCTING.remove();
		}
	}

	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		// The map H2Database opens, under the same name, opened first with the key type
		// (the store hands an open map back as it is).
		current().store()
			.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
					new MVMap.Builder<Object, Object>().keyType(INDEX_KEYS));
		return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
	}

	/** The key type of every unique index of the process's stores. */
	static IndexKeyType indexKeys() {
		return INDEX_KEYS;
	}

	private Parts current() {
		return (this.parts != null) ? this.parts : CONSTRUCTING.get();
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		// The same maps H2Database opens, so that files written before stay readable.
		String namespace = getFullCollectionNamespace(collectionName);
		Parts current = current();
		return new IndexFirstH2Collection(this, collectionName, options,
				current.store().openMap("databases." + namespace), current.store().openMap("meta." + namespace),
				this.cursorRegistry, current.scans());
	}

}

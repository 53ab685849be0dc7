package ca.aiguillage.localstack;

import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

/**
 * One database of the embedded store whose collections answer a query from a unique index
 * whenever the query names that index's field, not only when it names nothing else (see
 * {@link IndexFirstH2Collection}).
 */
final class IndexFirstH2Database extends H2Database {

	// H2Database opens the stored collections from its constructor, before this class's
	// fields are set: they are handed over on the constructing thread meanwhile.
	private static final ThreadLocal<Parts> CONSTRUCTING = new ThreadLocal<>();

	private final Parts parts;

	private record Parts(MVStore store, LongAdder scans) {
	}

	private IndexFirstH2Database(String databaseName, MVStore store, CursorRegistry cursors, Parts parts) {
		super(databaseName, store, cursors);
		this.parts = parts;
	}

	static IndexFirstH2Database open(String databaseName, MVStore store, CursorRegistry cursors, LongAdder scans) {
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
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		// The same maps H2Database opens, so that files written before stay readable.
		String namespace = getFullCollectionNamespace(collectionName);
		Parts current = (this.parts != null) ? this.parts : CONSTRUCTING.get();
		return new IndexFirstH2Collection(this, collectionName, options,
				current.store().openMap("databases." + namespace), current.store().openMap("meta." + namespace),
				this.cursorRegistry, current.scans());
	}

}

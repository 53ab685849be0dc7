package ca.aiguillage.localstack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes. H2's own type stores an index key
 * (mongo-java-server's {@link KeyValue}, a plain serializable object) as a serialized
 * Java object and orders two keys by those bytes, serializing both keys again at every
 * comparison: a look-up serialized its key once for every key it passed on its way down
 * the tree, more as the index grew. This type writes, reads and orders keys exactly as
 * H2's does (files written before read the same), but serializes each key object once
 * while it lives: the key looked up for the length of its look-up, a stored key for as
 * long as its page is in memory.
 * <p>
 * Index keys are never changed once made (an index whose keys changed would be out of
 * order anyway), so the bytes kept for one stay its bytes.
 */
final class IndexKeyType extends ObjectDataType {

	/** How many keys' bytes are kept at most (a few hundred bytes each). */
	static final int KEPT = 50_000;

	// Held by identity (weak keys): a key's bytes go when the key does.
	private final Cache<Object, byte[]> serialized = Caffeine.newBuilder()
		.weakKeys()
		.maximumSize(KEPT)
		.recordStats()
		.build();

	@Override
	public int compare(Object a, Object b) {
		if (a == b) {
			return 0;
		}
		if (a instanceof KeyValue && b instanceof KeyValue) {
			// What H2's type does for two objects of a class that is not Comparable.
			return compareNotNull(bytesOf(a), bytesOf(b));
		}
		return super.compare(a, b);
	}

	/** How many times a key was serialized to be compared. */
	long serializations() {
		return this.serialized.stats().missCount();
	}

	private byte[] bytesOf(Object key) {
		return this.serialized.get(key, ObjectDataType::serialize);
	}

}

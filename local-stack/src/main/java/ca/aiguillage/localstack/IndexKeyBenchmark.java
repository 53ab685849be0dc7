package ca.aiguillage.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * What a unique index's look-up costs with H2's own key type and with
 * {@link IndexKeyType}, on indexes of 1,000, 10,000 and 100,000 keys (identifiers as the
 * services make them), the same look-ups in the same run, printed as a ratio of H2's. A
 * command, not a test:
 * {@code java -cp local-stack/target/aiguillage-local-stack.jar -Dloader.main=ca.aiguillage.localstack.IndexKeyBenchmark org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class IndexKeyBenchmark {

	private static final int LOOKUPS = 200_000;

	private IndexKeyBenchmark() {
	}

	public static void main(String[] args) {
		System.out.println("| keys | H2's key type, µs a look-up | IndexKeyType, µs a look-up | ratio to H2's |");
		System.out.println("| ---: | ---: | ---: | ---: |");
		for (int size : new int[] { 1_000, 10_000, 100_000 }) {
			List<KeyValue> keys = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				keys.add(new KeyValue(UUID.nameUUIDFromBytes(("referral-" + i).getBytes()).toString()));
			}
			// Warm-up rounds first, then the measured one of each, alternating.
			double h2 = 0;
			double ours = 0;
			for (int round = 0; round < 3; round++) {
				h2 = microsPerLookup(new ObjectDataType(), keys);
				ours = microsPerLookup(new IndexKeyType(), keys);
			}
			System.out.println(String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f× |", size, h2, ours, ours / h2));
		}
	}

	private static double microsPerLookup(DataType<Object> keyType, List<KeyValue> keys) {
		MVStore store = MVStore.open(null);
		try {
			MVMap<Object, Object> index = store.openMap("index", new MVMap.Builder<>().keyType(keyType));
			for (int i = 0; i < keys.size(); i++) {
				index.put(keys.get(i), "position-" + i);
			}
			Random random = new Random(42);
			long found = 0;
			long started = System.nanoTime();
			for (int i = 0; i < LOOKUPS; i++) {
				// A new key object for each look-up, as a query makes it.
				KeyValue looked = new KeyValue(keys.get(random.nextInt(keys.size())).get(0));
				if (index.get(looked) != null) {
					found++;
				}
			}
			long took = System.nanoTime() - started;
			if (found != LOOKUPS) {
				throw new IllegalStateException("found " + found + " of " + LOOKUPS);
			}
			return took / 1e3 / LOOKUPS;
		}
		finally {
			store.close();
		}
	}

}

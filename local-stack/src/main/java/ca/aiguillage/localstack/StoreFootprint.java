package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Where the embedded store's bytes go: the file as it is and compacted, and for each
 * collection its documents, their size as BSON and as the file stores them. It reads
 * copies of a stopped stack's file: {@code scripts/store-footprint.sh
 * data/mongo/aiguillage.mv 500}.
 */
public final class StoreFootprint {

	private StoreFootprint() {
	}

	/**
	 * What one collection holds.
	 *
	 * @param name the database and collection
	 * @param documents how many documents
	 * @param bsonBytes their size as BSON, summed
	 * @param storedBytes their size as the store serializes them, summed
	 */
	record Collection(String name, long documents, long bsonBytes, long storedBytes) {
	}

	/**
	 * The collections of a store's file, read from a copy.
	 * @param file the store's file
	 * @return each collection, by name
	 */
	static List<Collection> collections(Path file) {
		Path copy = copy(file, ".read");
		List<Collection> collections = new ArrayList<>();
		try (MVStore store = new MVStore.Builder().fileName(copy.toString()).readOnly().open()) {
			for (String name : new TreeSet<>(store.getMapNames())) {
				if (!name.startsWith("databases.")) {
					continue;
				}
				MVMap<Object, Object> map = store.openMap(name);
				long documents = 0;
				long bson = 0;
				long stored = 0;
				for (Object value : map.values()) {
					documents++;
					stored += ObjectDataType.serialize(value).length;
					if (value instanceof Document document) {
						ByteBuf buffer = Unpooled.buffer();
						BsonEncoder.encodeDocument(document, buffer);
						bson += buffer.readableBytes();
						buffer.release();
					}
				}
				collections.add(new Collection(name.substring("databases.".length()), documents, bson, stored));
			}
		}
		finally {
			delete(copy);
		}
		return collections;
	}

	/**
	 * The size a copy of the file has once compacted.
	 * @param file the store's file
	 * @param compress whether the compacted copy's pages are compressed
	 * @return the compacted copy's size in bytes
	 */
	static long compactedSize(Path file, boolean compress) {
		Path copy = copy(file, ".compact");
		try {
			MVStoreTool.compact(copy.toString(), compress);
			return Files.size(copy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(copy);
		}
	}

	private static Path copy(Path file, String suffix) {
		try {
			Path copy = Files.createTempFile(file.toAbsolutePath().getParent(), "footprint", suffix);
			Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Prints the footprint of a store's file, per referral when a count is given.
	 * @param args the file, then optionally the number of referrals
	 * @throws IOException when the file cannot be read
	 */
	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		long referrals = (args.length > 1) ? Long.parseLong(args[1]) : 0;
		PrintStream out = System.out;
		List<Collection> collections = collections(file);
		out.println("| collection | documents | BSON, average | stored, average | stored, total |");
		out.println("| --- | ---: | ---: | ---: | ---: |");
		long documents = 0;
		long bson = 0;
		long stored = 0;
		for (Collection collection : collections) {
			documents += collection.documents();
			bson += collection.bsonBytes();
			stored += collection.storedBytes();
			out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", collection.name(), collection.documents(),
					bytes(collection.bsonBytes(), collection.documents()),
					bytes(collection.storedBytes(), collection.documents()), bytes(collection.storedBytes(), 1));
		}
		out.printf(Locale.ROOT, "| all | %d | %s | %s | %s |%n%n", documents, bytes(bson, documents),
				bytes(stored, documents), bytes(stored, 1));
		long asIs = Files.size(file);
		long compacted = compactedSize(file, false);
		long compressed = compactedSize(file, true);
		out.printf(Locale.ROOT, "file as is %s, compacted %s, compacted and compressed %s; BSON of all documents %s%n",
				bytes(asIs, 1), bytes(compacted, 1), bytes(compressed, 1), bytes(bson, 1));
		if (referrals > 0) {
			out.printf(Locale.ROOT, "per referral (%d): as is %s, compacted %s, compressed %s, BSON %s%n", referrals,
					bytes(asIs, referrals), bytes(compacted, referrals), bytes(compressed, referrals),
					bytes(bson, referrals));
		}
	}

	private static String bytes(long total, long count) {
		if (count == 0) {
			return "";
		}
		double each = (double) total / count;
		if (each >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f MB", each / (1024 * 1024));
		}
		return String.format(Locale.ROOT, "%.1f KB", each / 1024);
	}

}

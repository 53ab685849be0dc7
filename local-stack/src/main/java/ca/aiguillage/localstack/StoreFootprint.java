package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Where the embedded store's bytes go: the file as it is and compacted, for each
 * collection its documents, their size as BSON and as the file stores them, and what the
 * file's chunks hold map by map (on a copy taken while the stack runs, what its commits
 * wrote). It reads copies of a stopped stack's file: {@code scripts/store-footprint.sh
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
						bson += WireBatches.encodedSize(document);
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
	 * What a map's pages take in the file's chunks.
	 *
	 * @param name the map: a collection ({@code referral.referrals}), one of its indexes,
	 * or the store's own books ({@link #BOOKS}: where each chunk and each map's root is)
	 * @param bytes its pages' bytes in every chunk of the file, alive or replaced since
	 */
	record MapPages(String name, long bytes) {
	}

	/**
	 * What the file's chunks hold, as the store left it (before a compaction).
	 *
	 * @param chunks how many chunks the file holds
	 * @param maps each map's pages, the largest first
	 */
	record Chunks(long chunks, List<MapPages> maps) {

		long bytes() {
			return this.maps.stream().mapToLong(MapPages::bytes).sum();
		}

	}

	/**
	 * The name given to the store's layout map: where each chunk is and how full, and
	 * where each map's root page is. A commit rewrites its pages for every older chunk
	 * whose pages it replaces.
	 */
	static final String BOOKS = "the store's books (chunks and roots)";

	/**
	 * Reads every chunk of a copy of the file (H2's own dump, its totals kept) and names
	 * each map.
	 * @param file the store's file
	 * @return what the chunks hold
	 */
	static Chunks chunks(Path file) {
		Path copy = copy(file, ".chunks");
		try {
			DumpTotals totals = new DumpTotals();
			MVStoreTool.dump(copy.toString(), totals, false);
			totals.flush();
			List<MapPages> maps = new ArrayList<>();
			try (MVStore store = new MVStore.Builder().fileName(copy.toString()).readOnly().open()) {
				totals.bytesByMap.forEach((id, bytes) -> maps.add(new MapPages(mapName(store, id), bytes)));
			}
			maps.sort(Comparator.comparingLong(MapPages::bytes).reversed());
			return new Chunks(totals.chunks, maps);
		}
		finally {
			delete(copy);
		}
	}

	private static String mapName(MVStore store, int id) {
		if (id == 0) {
			return BOOKS;
		}
		String name = store.getMapName(id);
		if (name == null) {
			return "map " + Integer.toHexString(id) + " (dropped)";
		}
		return name.startsWith("databases.") ? name.substring("databases.".length()) : name;
	}

	/**
	 * Keeps what H2's dump says of the whole file: how many chunks, and after its
	 * {@code page size total} line each map's bytes; the lines about each chunk are
	 * counted and dropped as they come.
	 */
	private static final class DumpTotals extends Writer {

		private static final Pattern CHUNK = Pattern.compile("^[0-9a-f]+ chunkHeader .*");

		private static final Pattern MAP = Pattern.compile("^map ([0-9a-f]+): (\\d+) bytes.*");

		private final StringBuilder line = new StringBuilder();

		private final Map<Integer, Long> bytesByMap = new TreeMap<>();

		private long chunks;

		private boolean totals;

		@Override
		public void write(char[] characters, int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				if (characters[i] == '\n') {
					take(this.line.toString());
					this.line.setLength(0);
				}
				else {
					this.line.append(characters[i]);
				}
			}
		}

		private void take(String text) {
			if (text.startsWith("page size total:")) {
				this.totals = true;
			}
			else if (!this.totals && CHUNK.matcher(text).matches()) {
				this.chunks++;
			}
			else if (this.totals) {
				Matcher map = MAP.matcher(text);
				if (map.matches()) {
					this.bytesByMap.merge(Integer.parseInt(map.group(1), 16), Long.parseLong(map.group(2)), Long::sum);
				}
			}
		}

		@Override
		public void flush() {
			if (!this.line.isEmpty()) {
				take(this.line.toString());
				this.line.setLength(0);
			}
		}

		@Override
		public void close() {
			flush();
		}

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
		Chunks chunks = chunks(file);
		out.printf(Locale.ROOT, "%nThe file's %d chunks, map by map (pages alive or replaced since):%n%n",
				chunks.chunks());
		out.println("| map | pages in the chunks | share |");
		out.println("| --- | ---: | ---: |");
		for (MapPages map : chunks.maps().subList(0, Math.min(12, chunks.maps().size()))) {
			out.printf(Locale.ROOT, "| %s | %s | %.0f %% |%n", map.name(), bytes(map.bytes(), 1),
					100.0 * map.bytes() / Math.max(1, chunks.bytes()));
		}
		out.println();
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

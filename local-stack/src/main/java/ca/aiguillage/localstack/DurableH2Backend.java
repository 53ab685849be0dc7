package ca.aiguillage.localstack;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 file backend, with the durability it is asked for. The MVStore
 * alone buffers writes for a second and never forces them to the disk, so an acknowledged
 * referral could be lost to a {@code kill -9} or a power cut.
 */
final class DurableH2Backend extends H2Backend {

	private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
			"createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection");

	private final Durability durability;

	// Writers hold it shared while they apply a change and count it; a reader takes it
	// alone for an instant, so the count it reads covers every change it could have seen.
	private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();

	private final ReentrantLock disk = new ReentrantLock();

	private final Condition synced = this.disk.newCondition();

	private long applied;

	private long durable;

	private boolean syncing;

	private long syncCount;

	private final SlowCommands slow = SlowCommands.fromSystemProperty();

	private final IndexAudit audit = IndexAudit.fromSystemProperty();

	/** How much the store's housekeeping rewrites under its lock at a time, in KB. */
	static final int REWRITE_STEP_KB = 64;

	// Set before the backend's constructor runs: it opens the databases already in the
	// file, whose collections count their scans here.
	private final Scans scans;

	DurableH2Backend(String fileName, Durability durability) {
		this.scans = new Scans();
		// Pages are compressed (LZF, the fast one) as they are written: the documents are
		// stored as serialized Java objects whose field names and class descriptions
		// repeat from one document to the next, so a page shrinks by about two thirds
		// (measured on the local stack: 21.7 KB a referral compacted, 7.3 KB compressed).
		// A page keeps its own compression flag, so files written before read the same.
		// The store's housekeeping rewrites sparse chunks under the store's lock, as much
		// at a time as this buffer (1 MB by default): on a file of 10,000 referrals a
		// commit waited up to 5.3 s behind it; in steps of 64 KB, 0.8 s at most
		// (docs/performance.md). Every write commits at once anyway (Durability).
		super(new MVStore.Builder().fileName(fileName)
			.cacheSize(cacheMegabytes())
			.autoCommitBufferSize(REWRITE_STEP_KB)
			.compress()
			.open());
		this.durability = durability;
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return IndexFirstH2Database.open(databaseName, getMvStore(), getCursorRegistry(), this.scans);
	}

	/** How many queries read a whole collection since the store started. */
	long scans() {
		return this.scans.begun();
	}

	/**
	 * How many passes over every document of a collection began since the store started.
	 */
	long wholeCollectionPasses() {
		return this.scans.streamedCount();
	}

	/** How many queries are reading a whole collection now. */
	int scansReading() {
		return this.scans.reading();
	}

	/**
	 * The page cache in MiB ({@code -Daiguillage.mongo.cache-mb}): every query the
	 * embedded store cannot answer from an index reads the whole collection, and what the
	 * cache does not hold is read and decoded from the file again.
	 */
	static int cacheMegabytes() {
		return Integer.getInteger("aiguillage.mongo.cache-mb", 16);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		long started = System.nanoTime();
		IndexFirstH2Collection.SCANNED.set(Boolean.FALSE);
		WireBatches.FIND.set(WireBatches.batched(command, query));
		try {
			return handleDurably(channel, databaseName, command, query);
		}
		finally {
			WireBatches.FIND.set(Boolean.FALSE);
			this.slow.record(databaseName, command, query, System.nanoTime() - started,
					IndexFirstH2Collection.SCANNED.get());
			this.audit.observe(databaseName, command, query);
		}
	}

	/**
	 * What a real MongoDB would read whole ({@code -Daiguillage.mongo.index-audit=true}).
	 */
	IndexAudit indexAudit() {
		return this.audit;
	}

	private Document handleDurably(Channel channel, String databaseName, String command, Document query) {
		boolean write = WRITES.contains(command.toLowerCase(Locale.ROOT));
		return switch (this.durability) {
			case COMMIT -> {
				Document result = super.handleCommand(channel, databaseName, command, query);
				if (write) {
					commit();
				}
				yield result;
			}
			case FSYNC_EACH -> write ? writeAlone(channel, databaseName, command, query)
					: super.handleCommand(channel, databaseName, command, query);
			case GROUP_FSYNC -> {
				Document result;
				long covering;
				if (write) {
					this.applying.readLock().lock();
					try {
						result = super.handleCommand(channel, databaseName, command, query);
						covering = counted(true);
					}
					finally {
						this.applying.readLock().unlock();
					}
				}
				else {
					result = super.handleCommand(channel, databaseName, command, query);
					this.applying.writeLock().lock();
					try {
						covering = counted(false);
					}
					finally {
						this.applying.writeLock().unlock();
					}
				}
				// A write is acknowledged, and a read answered, only once every change it
				// may
				// reflect is on the disk: the outbox relay never publishes an event whose
				// write a power cut could still take back.
				awaitDurable(covering);
				yield result;
			}
		};
	}

	private Document writeAlone(Channel channel, String databaseName, String command, Document query) {
		this.disk.lock();
		try {
			Document result = super.handleCommand(channel, databaseName, command, query);
			forceToDisk();
			this.syncCount++;
			return result;
		}
		finally {
			this.disk.unlock();
		}
	}

	private long counted(boolean write) {
		this.disk.lock();
		try {
			return write ? ++this.applied : this.applied;
		}
		finally {
			this.disk.unlock();
		}
	}

	private void awaitDurable(long sequence) {
		this.disk.lock();
		try {
			while (this.durable < sequence) {
				if (this.syncing) {
					this.synced.awaitUninterruptibly();
					continue;
				}
				this.syncing = true;
				long target = this.applied;
				// The fsync runs without the lock: writers arriving meanwhile gather
				// into the next one (group commit).
				this.disk.unlock();
				try {
					forceToDisk();
				}
				finally {
					this.disk.lock();
					this.syncing = false;
					this.durable = Math.max(this.durable, target);
					this.syncCount++;
					this.synced.signalAll();
				}
			}
		}
		finally {
			this.disk.unlock();
		}
	}

	private void forceToDisk() {
		commit();
		getMvStore().sync();
	}

	/**
	 * How many writes were applied, and how many of them are known to be on the disk.
	 * @return applied, then durable
	 */
	long[] sequences() {
		this.disk.lock();
		try {
			return new long[] { this.applied, this.durable };
		}
		finally {
			this.disk.unlock();
		}
	}

	/**
	 * How many times the file was forced to the disk.
	 * @return the count since start
	 */
	long syncCount() {
		this.disk.lock();
		try {
			return this.syncCount;
		}
		finally {
			this.disk.unlock();
		}
	}

	/** How an acknowledged write survives. */
	enum Durability {

		/**
		 * Committed to the file before the acknowledgement, not forced to the disk:
		 * survives {@code kill -9}, not a power cut.
		 */
		COMMIT,

		/**
		 * Forced to the disk (fsync) before the acknowledgement, writers arriving during
		 * one fsync sharing the next: survives a power cut.
		 */
		GROUP_FSYNC,

		/**
		 * Forced to the disk alone, one write at a time: the baseline of the measurement.
		 */
		FSYNC_EACH;

		/**
		 * The durability asked for by {@code -Daiguillage.mongo.durability} or
		 * {@code AIGUILLAGE_MONGO_DURABILITY} ({@code commit}, {@code group-fsync},
		 * {@code fsync-each}); group fsync when neither is set.
		 * @return the durability
		 */
		static Durability configured() {
			String asked = System.getProperty("aiguillage.mongo.durability",
					System.getenv().getOrDefault("AIGUILLAGE_MONGO_DURABILITY", "group-fsync"));
			return valueOf(asked.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

}

package ca.aiguillage.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.aiguillage.testing.HalfWrittenReads;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DurableH2BackendTests {

	@TempDir
	Path data;

	@Test
	void everyAcknowledgedWriteIsOnTheDiskBeforeTheClientHearsOfIt() {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0,
				DurableH2Backend.Durability.GROUP_FSYNC);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("durability").getCollection("referrals");
			for (int i = 0; i < 20; i++) {
				referrals.insertOne(new Document("_id", "referral-" + i));
				long[] sequences = mongo.backend().sequences();
				assertThat(sequences[1]).as("durable after write %d", i).isGreaterThanOrEqualTo(sequences[0]);
			}
			assertThat(mongo.syncCount()).isGreaterThanOrEqualTo(20);
		}
		finally {
			mongo.close();
		}
	}

	@Test
	void aReadNeverSeesHalfOfAWrite() throws Exception {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			assertThat(HalfWrittenReads.count(client.getDatabase("reads").getCollection("probe"), 2_000)).isZero();
		}
		finally {
			mongo.close();
		}
	}

	@Test
	void concurrentWritersShareFsyncs() throws Exception {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0,
				DurableH2Backend.Durability.GROUP_FSYNC);
		ExecutorService writers = Executors.newFixedThreadPool(8);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("durability").getCollection("referrals");
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < 8; writer++) {
				int id = writer;
				done.add(writers.submit(() -> {
					for (int i = 0; i < 25; i++) {
						referrals.insertOne(new Document("_id", id + "-" + i));
					}
				}));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
			assertThat(referrals.countDocuments()).isEqualTo(200);
			long[] sequences = mongo.backend().sequences();
			assertThat(sequences[1]).isEqualTo(sequences[0]);
			// Reads wait for the disk too, so the count includes them: fewer than one per
			// write and read means writers were grouped.
			assertThat(mongo.syncCount()).isLessThan(200);
		}
		finally {
			writers.shutdown();
			mongo.close();
		}
	}

	@Test
	void aConditionalWriteByIdAndVersionReadsOneDocumentNotTheCollection() {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("index-first").getCollection("referrals");
			for (int i = 0; i < 500; i++) {
				referrals.insertOne(new Document("_id", "referral-" + i).append("version", 0L).append("status", "NEW"));
			}
			long scansBefore = mongo.backend().scans();
			// As Spring Data writes them: the fields side by side, not under $and.

			long stale = referrals
				.updateOne(new Document("_id", "referral-7").append("version", 3L), Updates.set("status", "LOST"))
				.getModifiedCount();
			long current = referrals
				.updateOne(new Document("_id", "referral-7").append("version", 0L),
						Updates.combine(Updates.set("status", "QUEUED"), Updates.inc("version", 1L)))
				.getModifiedCount();
			Document read = referrals.find(new Document("_id", "referral-7").append("status", "QUEUED")).first();
			Document missing = referrals.find(new Document("_id", "referral-8").append("status", "QUEUED")).first();

			assertThat(stale).as("a write on a stale version changes nothing").isZero();
			assertThat(current).isOne();
			assertThat(read).containsEntry("version", 1L);
			assertThat(missing).isNull();
			assertThat(mongo.backend().scans()).as("queries that read the whole collection").isEqualTo(scansBefore);
			referrals.find(Filters.eq("status", "QUEUED")).first();
			assertThat(mongo.backend().scans()).as("a query no index answers is counted").isEqualTo(scansBefore + 1);
		}
		finally {
			mongo.close();
		}
	}

	@Test
	void aQueryNoIndexAnswersIsCountedOnACollectionTheStoreFoundAtItsStart() {
		Path file = this.data.resolve("store.mv");
		EmbeddedMongo first = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(first.uri())) {
			client.getDatabase("restarted").getCollection("referrals").insertOne(new Document("_id", "referral-1"));
		}
		finally {
			first.close();
		}

		EmbeddedMongo restarted = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(restarted.uri())) {
			long scansBefore = restarted.backend().scans();
			client.getDatabase("restarted").getCollection("referrals").find(Filters.eq("status", "QUEUED")).first();

			assertThat(restarted.backend().scans()).isEqualTo(scansBefore + 1);
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void anIndexTheStoreDoesNotKeepIsDeclaredAndReopenedWithoutReadingEveryDocument() {
		Path file = this.data.resolve("store.mv");
		EmbeddedMongo first = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(first.uri())) {
			MongoCollection<Document> queue = client.getDatabase("indexes").getCollection("queue");
			queue.insertMany(
					List.of(new Document("_id", "e-1").append("status", "WAITING").append("email", "a@example.org"),
							new Document("_id", "e-2").append("status", "HELD")));
			long passesBefore = first.backend().wholeCollectionPasses();

			queue.createIndex(Indexes.ascending("status"));

			assertThat(first.backend().wholeCollectionPasses()).isEqualTo(passesBefore);
			// A partial index is filled from the documents once, as it is declared
			// (PartialFilterIndex); a unique index at every declaration.
			queue.createIndex(Indexes.ascending("organizationId", "registeredAt"),
					new IndexOptions().partialFilterExpression(Filters.exists("organizationId")));
			assertThat(first.backend().wholeCollectionPasses()).isEqualTo(passesBefore + 1);
			queue.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).sparse(true));
			assertThat(first.backend().wholeCollectionPasses()).isGreaterThan(passesBefore + 1);
		}
		finally {
			first.close();
		}

		EmbeddedMongo restarted = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(restarted.uri())) {
			assertThat(restarted.backend().wholeCollectionPasses()).as("passes as the store opened").isZero();
			assertThat(client.getDatabase("indexes").getCollection("queue").listIndexes())
				.extracting((index) -> index.getString("name"))
				.contains("status_1", "organizationId_1_registeredAt_1", "email_1");
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void aQueryAPartialIndexAnswersReadsOnlyItsDocumentsAndTheIndexFollowsEveryWriteAndARestart() {
		Path file = this.data.resolve("store.mv");
		EmbeddedMongo first = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(first.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("partial").getCollection("referrals");
			referrals.insertMany(List.of(withEntry("r-1", "e-1"), new Document("_id", "r-2"),
					new Document("_id", "r-3").append("status", "CLOSED")));
			// As the outbox relay declares it for a real MongoDB.
			referrals.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().name("outbox_pending")
				.partialFilterExpression(Filters.exists("outbox.eventId")));
			long scansBefore = first.backend().scans();

			assertThat(pending(referrals)).containsExactly("r-1");

			referrals.updateOne(Filters.eq("_id", "r-2"),
					Updates.set("outbox", List.of(new Document("eventId", "e-2"))));
			referrals.updateOne(Filters.eq("_id", "r-1"), Updates.unset("outbox"));
			referrals.replaceOne(Filters.eq("_id", "r-3"), withEntry("r-3", "e-3"));
			referrals.insertOne(withEntry("r-4", "e-4"));
			referrals.deleteOne(Filters.eq("_id", "r-4"));
			referrals.updateOne(Filters.eq("_id", "r-2"), Updates.set("status", "QUEUED"));

			assertThat(pending(referrals)).containsExactlyInAnyOrder("r-2", "r-3");
			// A query that asks more than the index's filter: its candidates are matched
			// against the whole query.
			assertThat(referrals.find(Filters.and(Filters.exists("outbox.eventId"), Filters.eq("status", "QUEUED"))))
				.extracting((document) -> document.getString("_id"))
				.containsExactly("r-2");
			assertThat(first.backend().scans()).as("collections read whole").isEqualTo(scansBefore);
		}
		finally {
			first.close();
		}

		EmbeddedMongo restarted = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(restarted.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("partial").getCollection("referrals");
			long scansBefore = restarted.backend().scans();

			assertThat(pending(referrals)).containsExactlyInAnyOrder("r-2", "r-3");
			assertThat(restarted.backend().wholeCollectionPasses()).as("passes as the store opened").isZero();
			assertThat(restarted.backend().scans()).as("collections read whole").isEqualTo(scansBefore);
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void aPartialIndexOverTheFieldsOfAnArrayFollowsEachElementsChange() {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> cases = client.getDatabase("partial").getCollection("cases");
			// As notification-service declares it: the cases with something left to send.
			var unfinished = Filters.in("deliveries.status", "PENDING", "SENDING");
			cases.createIndex(Indexes.ascending("deliveries.status"),
					new IndexOptions().name("notification_cases_unfinished").partialFilterExpression(unfinished));
			cases.insertMany(List.of(withDeliveries("c-1", "SENT", "PENDING"), withDeliveries("c-2", "SENT", "FAILED"),
					withDeliveries("c-3", "SENDING")));
			long scansBefore = mongo.backend().scans();

			assertThat(cases.find(unfinished)).extracting((document) -> document.getString("_id"))
				.containsExactlyInAnyOrder("c-1", "c-3");
			cases.updateOne(Filters.eq("_id", "c-1"), Updates.set("deliveries.1.status", "SENT"));
			cases.updateOne(Filters.eq("_id", "c-2"), Updates.push("deliveries", new Document("status", "PENDING")));

			assertThat(cases.find(unfinished)).extracting((document) -> document.getString("_id"))
				.containsExactlyInAnyOrder("c-2", "c-3");
			assertThat(mongo.backend().scans()).as("collections read whole").isEqualTo(scansBefore);
		}
		finally {
			mongo.close();
		}
	}

	private static Document withDeliveries(String id, String... statuses) {
		List<Document> deliveries = new ArrayList<>();
		for (String status : statuses) {
			deliveries.add(new Document("status", status));
		}
		return new Document("_id", id).append("deliveries", deliveries);
	}

	private static Document withEntry(String id, String eventId) {
		return new Document("_id", id).append("outbox", List.of(new Document("eventId", eventId)));
	}

	private static List<String> pending(MongoCollection<Document> referrals) {
		return referrals.find(Filters.exists("outbox.eventId"))
			.map((document) -> document.getString("_id"))
			.into(new ArrayList<>());
	}

	@Test
	void aQueryThatReadsTheWholeCollectionDoesNotHoldUpItsWrites() throws Exception {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0, DurableH2Backend.Durability.COMMIT);
		ExecutorService reader = Executors.newSingleThreadExecutor();
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("scans").getCollection("referrals");
			// Every document costs the scan's matcher a long backtracking (a regular
			// expression that cannot match, tried every way): the scan lasts seconds.
			for (int i = 0; i < 6; i++) {
				referrals.insertOne(new Document("_id", "referral-" + i).append("note", "a".repeat(30)));
			}
			long scansBefore = mongo.backend().scans();
			Future<Integer> scan = reader
				.submit(() -> referrals.find(Filters.regex("note", "^(.*a){8}z")).into(new ArrayList<>()).size());
			await().atMost(Duration.ofSeconds(30)).until(() -> mongo.backend().scans() > scansBefore);

			referrals.updateOne(Filters.eq("_id", "referral-3"), Updates.set("status", "QUEUED"));
			referrals.insertOne(new Document("_id", "referral-new"));

			assertThat(mongo.backend().scansReading()).as("the writes went through while the scan still read").isOne();
			assertThat(scan.get()).isZero();
			assertThat(referrals.find(Filters.eq("_id", "referral-3")).first()).containsEntry("status", "QUEUED");
		}
		finally {
			reader.shutdownNow();
			mongo.close();
		}
	}

	@Test
	void aFileWrittenByThePlainH2BackendReadsTheSame() {
		Path file = this.data.resolve("store.mv");
		H2Backend plain = new H2Backend(file.toString());
		MongoServer before = new MongoServer(plain);
		try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(before.bind()))) {
			client.getDatabase("restart")
				.getCollection("queue")
				.insertOne(new Document("_id", "entry-1").append("n", 1));
		}
		finally {
			before.shutdownNow();
		}
		EmbeddedMongo again = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(again.uri())) {
			assertThat(client.getDatabase("restart")
				.getCollection("queue")
				.find(Filters.and(Filters.eq("_id", "entry-1"), Filters.eq("n", 1)))
				.first()).isNotNull();
		}
		finally {
			again.close();
		}
	}

	@Test
	void uniqueIndexesWrittenByThePlainH2BackendAreFoundAndKeptInOrderBothWays() {
		Path file = this.data.resolve("store.mv");
		H2Backend plain = new H2Backend(file.toString());
		MongoServer first = new MongoServer(plain);
		try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(first.bind()))) {
			MongoCollection<Document> referrals = client.getDatabase("restart").getCollection("referrals");
			referrals.createIndex(Indexes.ascending("reference"), new IndexOptions().unique(true));
			for (int i = 0; i < 300; i++) {
				referrals
					.insertOne(new Document("_id", "referral-" + i).append("reference", "REF-" + (i * 7919 % 300)));
			}
		}
		finally {
			first.shutdownNow();
		}
		EmbeddedMongo ours = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(ours.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("restart").getCollection("referrals");
			long serializedBefore = IndexFirstH2Database.indexKeys().serializations();
			for (int i = 0; i < 300; i++) {
				assertThat(referrals.find(Filters.eq("reference", "REF-" + i)).first()).as("REF-%d", i).isNotNull();
				assertThat(referrals.find(Filters.eq("_id", "referral-" + i)).first()).as("referral-%d", i).isNotNull();
			}
			assertThat(IndexFirstH2Database.indexKeys().serializations())
				.as("the stored indexes compare their keys through the index key type")
				.isGreaterThan(serializedBefore);
			assertThatThrownBy(() -> referrals.insertOne(new Document("_id", "again").append("reference", "REF-42")))
				.as("the unique index still knows every key")
				.isInstanceOf(MongoWriteException.class);
			for (int i = 300; i < 400; i++) {
				referrals.insertOne(new Document("_id", "referral-" + i).append("reference", "REF-" + i));
			}
		}
		finally {
			ours.close();
		}
		MongoServer last = new MongoServer(new H2Backend(file.toString()));
		try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(last.bind()))) {
			MongoCollection<Document> referrals = client.getDatabase("restart").getCollection("referrals");
			for (int i = 0; i < 400; i++) {
				assertThat(referrals.find(Filters.eq("reference", "REF-" + i)).first()).as("REF-%d", i).isNotNull();
			}
		}
		finally {
			last.shutdownNow();
		}
	}

	@Test
	void aStoreThatCannotCompactAsItStopsStillStopsAndKeepsItsDocuments() throws Exception {
		Path file = this.data.resolve("store.mv");
		EmbeddedMongo mongo = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			client.getDatabase("stop").getCollection("referrals").insertOne(new Document("_id", "referral-1"));
		}
		// The compaction's working copy cannot be made: a directory with a file in it
		// stands where it would go.
		Path blocking = this.data.resolve("store.mv.tempFile");
		Files.createDirectories(blocking);
		Files.writeString(blocking.resolve("in-the-way"), "x");

		mongo.close();

		Files.delete(blocking.resolve("in-the-way"));
		Files.delete(blocking);
		EmbeddedMongo again = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(again.uri())) {
			assertThat(client.getDatabase("stop").getCollection("referrals").countDocuments()).isOne();
		}
		finally {
			again.close();
		}
	}

	private static String hostAndPort(java.net.InetSocketAddress address) {
		return address.getHostString() + ":" + address.getPort();
	}

	@Test
	void theDurabilityIsChosenByASettingAndDefaultsToGroupFsync() {
		assertThat(DurableH2Backend.Durability.configured()).isEqualTo(DurableH2Backend.Durability.GROUP_FSYNC);
		System.setProperty("aiguillage.mongo.durability", "commit");
		try {
			assertThat(DurableH2Backend.Durability.configured()).isEqualTo(DurableH2Backend.Durability.COMMIT);
		}
		finally {
			System.clearProperty("aiguillage.mongo.durability");
		}
	}

	@Test
	void aRestartCompactsTheFileAndKeepsEveryDocument() throws Exception {
		Path file = this.data.resolve("store.mv");
		// Written by the plain backend, which does not compact as it stops, as a kill -9
		// or an earlier version leaves it.
		MongoServer mongo = new MongoServer(new H2Backend(file.toString()));
		try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(mongo.bind()))) {
			MongoCollection<Document> referrals = client.getDatabase("compaction").getCollection("referrals");
			for (int i = 0; i < 100; i++) {
				referrals.insertOne(
						new Document("_id", "referral-" + i).append("version", 0).append("notes", "x".repeat(2000)));
			}
			for (int version = 1; version <= 10; version++) {
				for (int i = 0; i < 100; i++) {
					referrals.updateOne(new Document("_id", "referral-" + i),
							new Document("$set", new Document("version", version)));
				}
			}
		}
		finally {
			mongo.shutdownNow();
		}
		long grown = Files.size(file);

		EmbeddedMongo restarted = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		long compacted = Files.size(file);
		try (MongoClient client = MongoClients.create(restarted.uri())) {
			MongoCollection<Document> referrals = client.getDatabase("compaction").getCollection("referrals");
			assertThat(referrals.countDocuments(new Document("version", 10))).isEqualTo(100);
		}
		finally {
			restarted.close();
		}
		assertThat(compacted).as("compacted %d bytes, grown %d", compacted, grown).isLessThan(grown / 2);
	}

	@Test
	void aQueryWhoseAnswerIsLargerThanOneWireMessageIsAnsweredInBatchesAsMongoDbDoes() {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> cases = client.getDatabase("batches").getCollection("cases");
			// 56 documents of 1 MB: more than the 48,000,000 bytes a reply may hold. The
			// store sent every match in one reply, which the driver refuses:
			// notification-
			// service's scan of unfinished deliveries failed so, every 10 s, on 43,000
			// cases.
			java.util.Random random = new java.util.Random(56);
			byte[] bytes = new byte[750_000];
			for (int i = 0; i < 56; i++) {
				random.nextBytes(bytes);
				cases.insertOne(new Document("_id", "case-" + i).append("status", "PENDING")
					.append("messages", java.util.Base64.getEncoder().encodeToString(bytes)));
			}
			cases.insertOne(new Document("_id", "case-sent").append("status", "SENT"));

			List<String> pending = new ArrayList<>();
			cases.find(Filters.eq("status", "PENDING"))
				.projection(new Document("_id", 1))
				.forEach((found) -> pending.add(found.getString("_id")));
			List<String> read = new ArrayList<>();
			cases.find(Filters.eq("status", "PENDING")).forEach((found) -> read.add(found.getString("_id")));

			assertThat(pending).hasSize(56);
			assertThat(read).hasSize(56).doesNotContain("case-sent");
			assertThat(cases.find().batchSize(10).into(new ArrayList<>())).hasSize(57);
		}
		finally {
			mongo.close();
		}
	}

	@Test
	void theStoresHousekeepingRewritesChunksInSmallStepsSoThatNoCommitWaitsLongBehindIt() {
		EmbeddedMongo mongo = EmbeddedMongo.start(this.data.resolve("store.mv"), 0,
				DurableH2Backend.Durability.GROUP_FSYNC);
		try {
			// The housekeeping's rewrite under the store's lock is bounded by this
			// buffer (a quarter of it while writes come): 1 MB by default held commits
			// for seconds on a large file.
			assertThat(mongo.backend().getMvStore().getAutoCommitMemory())
				.isEqualTo(DurableH2Backend.REWRITE_STEP_KB * 1024)
				.isLessThanOrEqualTo(64 * 1024);
		}
		finally {
			mongo.close();
		}
	}

}

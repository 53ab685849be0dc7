package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * What each durability of the embedded store costs: the same aggregate writes (insert,
 * version-conditional update, read by id) through the wire protocol, closed-loop with
 * several clients, then at a fixed offered rate; printed as ratios of {@code commit}, the
 * durability measured in the same run. A command, not a test:
 * {@code java -cp local-stack/target/aiguillage-local-stack.jar -Dloader.main=ca.aiguillage.localstack.DurabilityBenchmark org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class DurabilityBenchmark {

	private static final int CLIENTS = 8;

	private static final long SECONDS = 10;

	private static int offeredPerSecond = 50;

	private DurabilityBenchmark() {
	}

	/**
	 * Measures and prints the table.
	 * @param args the offered rate of the second phase, in cycles per second (50 unless
	 * given)
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0) {
			offeredPerSecond = Integer.parseInt(args[0]);
		}
		List<String> lines = new ArrayList<>();
		Result baseline = null;
		for (DurableH2Backend.Durability durability : DurableH2Backend.Durability.values()) {
			Result result = measure(durability);
			if (baseline == null) {
				baseline = result;
			}
			lines.add(String.format("| %s | %.0f | %.2f× | %.1f / %.1f ms | %.1f / %.1f ms | %.2f× | %d |",
					durability.name().toLowerCase().replace('_', '-'), result.throughput,
					baseline.throughput / result.throughput, result.closedP50, result.closedP99, result.rateP50,
					result.rateP99, result.rateP99 / baseline.rateP99, result.syncs));
		}
		System.out.printf("%n%d clients closed-loop for %d s, then %d cycles/s offered for %d s; a cycle = insert, "
				+ "conditional update, read by id%n%n", CLIENTS, SECONDS, offeredPerSecond, SECONDS);
		System.out.println("| durability | cycles/s | cost vs commit | closed-loop p50 / p99 | at " + offeredPerSecond
				+ "/s p50 / p99 | p99 vs commit | fsyncs |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
		lines.forEach(System.out::println);
	}

	private static Result measure(DurableH2Backend.Durability durability) throws Exception {
		Path directory = Files.createTempDirectory("durability-" + durability);
		EmbeddedMongo mongo = EmbeddedMongo.start(directory.resolve("bench.mv"), 0, durability);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> documents = client.getDatabase("bench").getCollection("aggregates");
			AtomicLong ids = new AtomicLong();
			// Warm-up, not counted.
			runClosedLoop(documents, ids, 2);
			List<Long> closed = Collections.synchronizedList(new ArrayList<>());
			long started = System.nanoTime();
			long cycles = runClosedLoop(documents, ids, SECONDS, closed);
			double throughput = cycles / ((System.nanoTime() - started) / 1e9);
			List<Long> atRate = runAtRate(documents, ids);
			return new Result(throughput, percentile(closed, 50), percentile(closed, 99), percentile(atRate, 50),
					percentile(atRate, 99), mongo.syncCount());
		}
		finally {
			mongo.close();
			deleteQuietly(directory);
		}
	}

	private static long runClosedLoop(MongoCollection<Document> documents, AtomicLong ids, long seconds)
			throws Exception {
		return runClosedLoop(documents, ids, seconds, Collections.synchronizedList(new ArrayList<>()));
	}

	private static long runClosedLoop(MongoCollection<Document> documents, AtomicLong ids, long seconds,
			List<Long> latencies) throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<Long>> done = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				done.add(clients.submit(() -> {
					long count = 0;
					while (System.nanoTime() < end) {
						latencies.add(cycle(documents, ids.incrementAndGet()));
						count++;
					}
					return count;
				}));
			}
			long total = 0;
			for (Future<Long> client : done) {
				total += client.get();
			}
			return total;
		}
		finally {
			clients.shutdown();
		}
	}

	private static List<Long> runAtRate(MongoCollection<Document> documents, AtomicLong ids) throws Exception {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		ExecutorService clients = Executors.newFixedThreadPool(32);
		try {
			long interval = TimeUnit.SECONDS.toNanos(1) / offeredPerSecond;
			long start = System.nanoTime();
			List<Future<?>> sent = new ArrayList<>();
			for (long i = 0; i < offeredPerSecond * SECONDS; i++) {
				long due = start + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				sent.add(clients.submit(() -> latencies.add(cycle(documents, ids.incrementAndGet()))));
			}
			for (Future<?> one : sent) {
				one.get();
			}
			return latencies;
		}
		finally {
			clients.shutdown();
		}
	}

	private static long cycle(MongoCollection<Document> documents, long id) {
		long started = System.nanoTime();
		String key = "aggregate-" + id;
		documents.insertOne(new Document("_id", key).append("version", 0L).append("state", "SUBMITTED"));
		documents.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("version", 0L)),
				Updates.combine(Updates.set("state", "WAITING"), Updates.inc("version", 1L)));
		documents.find(Filters.eq("_id", key)).first();
		return System.nanoTime() - started;
	}

	private static double percentile(List<Long> nanos, int percent) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private static void deleteQuietly(Path directory) throws IOException {
		try (var files = Files.walk(directory)) {
			files.sorted(Collections.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	private record Result(double throughput, double closedP50, double closedP99, double rateP50, double rateP99,
			long syncs) {
	}

}

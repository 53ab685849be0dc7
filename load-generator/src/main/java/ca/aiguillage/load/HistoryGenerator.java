package ca.aiguillage.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import ca.aiguillage.contracts.Topics;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Pre-fills a stack with N referrals of distinct fictional people, through the real path
 * only (the partner API, with a few referrals in flight at once, so as fast as the stack
 * takes them): what is stored is exactly what the services store, with no fast path.
 * Waits until every one has its first decision, then measures storage per referral.
 */
final class HistoryGenerator {

	/**
	 * What filling measured.
	 *
	 * @param posted referrals posted
	 * @param accepted referrals accepted (201)
	 * @param decided accepted referrals that reached a first decision
	 * @param took how long posting and deciding took
	 * @param referralsStored referrals in referral-service's database afterwards
	 * @param databaseBytes the database file's size, or -1 when unknown
	 * @param errors errors by kind
	 */
	record Filled(long posted, long accepted, long decided, Duration took, long referralsStored, long databaseBytes,
			Map<String, Long> errors) {

		long bytesPerReferral() {
			return (this.databaseBytes < 0 || this.referralsStored == 0) ? -1
					: this.databaseBytes / this.referralsStored;
		}

	}

	private HistoryGenerator() {
	}

	static Filled fill(Target target, long referrals, int concurrency, Duration drain) {
		Persons persons = new Persons("HIST");
		Errors errors = new Errors();
		Latency accepted = new Latency("accept");
		Map<String, Long> started = new ConcurrentHashMap<>();
		long begun = System.nanoTime();
		Phase phase = new Phase();
		try (FirstSeen decisions = new FirstSeen(target.kafkaLogin().apply("admin"),
				List.of(Topics.MATCHING_EVENTS, Topics.WAITLIST_EVENTS), LoadRun.FIRST_DECISIONS);
				PartnerClient partner = new PartnerClient(target, false)) {
			AtomicLong next = new AtomicLong();
			try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int w = 0; w < concurrency; w++) {
					workers.execute(() -> {
						for (long n = next.getAndIncrement(); n < referrals; n = next.getAndIncrement()) {
							long start = System.nanoTime();
							try {
								String id = partner.post(persons.referral(n), start, accepted, errors);
								if (id != null) {
									started.put(id, start);
								}
							}
							catch (IOException ex) {
								errors.add(ex.getClass().getSimpleName());
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
								return;
							}
						}
					});
				}
			}
			phase.settle(started, decisions::seenAt, null, drain);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - begun);
		phase.errors.byKind().forEach(errors::add);
		long stored;
		try (MongoClient client = MongoClients.create(target.mongoUri())) {
			stored = client.getDatabase("referral").getCollection("referrals").estimatedDocumentCount();
		}
		long bytes = -1;
		if (target.databaseFile() != null && Files.exists(target.databaseFile())) {
			try {
				bytes = Files.size(target.databaseFile());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new Filled(referrals, started.size(), phase.accepted - phase.undecided, took, stored, bytes,
				errors.byKind());
	}

	static String markdown(Filled filled) {
		return String.format(Locale.ROOT, """
				# History: %d referrals through the partner API

				| posted | accepted | first decision | took | referrals stored | database file | per referral |
				| --- | --- | --- | --- | --- | --- | --- |
				| %d | %d | %d | %d s | %d | %s | %s |

				Errors: %s
				The embedded store keeps rewritten chunks until it compacts at its next start: restart the
				stack and run again with --history 0 for the compacted size per referral.
				""", filled.posted(), filled.posted(), filled.accepted(), filled.decided(), filled.took().toSeconds(),
				filled.referralsStored(), (filled.databaseBytes() < 0) ? "unknown" : mib(filled.databaseBytes()),
				(filled.bytesPerReferral() < 0) ? "unknown"
						: String.format(Locale.ROOT, "%.1f KB", filled.bytesPerReferral() / 1000.0),
				filled.errors().isEmpty() ? "none" : filled.errors());
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
	}

}

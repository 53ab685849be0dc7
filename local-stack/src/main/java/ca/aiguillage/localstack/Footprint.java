package ca.aiguillage.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import ca.aiguillage.localstack.ProcessStack.Part;
import ca.aiguillage.localstack.Soak.Outcome;
import ca.aiguillage.localstack.Soak.Posted;

/**
 * The footprint (not a test): starts the local stack with one process per part on a fresh
 * data directory, then posts N referrals at a steady rate through the partner API and
 * waits until every one has its decision. Prints, for each part, how long it took to
 * start and the memory it holds (resident set) idle and at most under the load, and
 * writes it to {@code local-stack/target/footprint-report.md}.
 * <p>
 * {@code Footprint [referrals=600] [per-second=10] [partners=4]}; the parts' JVM options
 * other than heap and collector come from {@code -Daiguillage.stack.jvm-options} (default
 * {@link ProcessStack#DEFAULT_JVM_OPTIONS}), to compare choices run by run.
 */
public final class Footprint {

	private static final long MIB = 1024 * 1024;

	private Footprint() {
	}

	public static void main(String[] args) throws Exception {
		int referrals = (args.length > 0) ? Integer.parseInt(args[0]) : 600;
		double perSecond = (args.length > 1) ? Double.parseDouble(args[1]) : 10;
		int partners = (args.length > 2) ? Integer.parseInt(args[2]) : 4;
		Instant begun = Instant.now();
		try (ProcessStack stack = ProcessStack.startForCommand("footprint")) {
			Duration whole = Duration.between(begun, Instant.now());
			Map<Part, Long> idle = resident(stack);
			Map<Part, Long> loaded = new EnumMap<>(Part.class);
			AtomicBoolean loading = new AtomicBoolean(true);
			Thread sampler = Thread.ofPlatform().name("footprint-sampler").start(() -> {
				while (loading.get()) {
					resident(stack).forEach((part, bytes) -> loaded.merge(part, bytes, Math::max));
					try {
						Thread.sleep(Duration.ofSeconds(1));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
			Instant loadBegun = Instant.now();
			Posted posted = Soak.post(stack, referrals, perSecond, partners);
			Duration posting = Duration.between(loadBegun, Instant.now());
			Outcome outcome = Soak.awaitQuiet(stack, posted);
			loading.set(false);
			sampler.join();
			String report = report(stack, whole, idle, loaded, referrals, perSecond, posting, outcome);
			System.out.print(report);
			Path file = Path
				.of(System.getProperty("aiguillage.footprint.report", "local-stack/target/footprint-report.md"));
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, report);
		}
	}

	private static Map<Part, Long> resident(ProcessStack stack) {
		Map<Part, Long> bytes = new EnumMap<>(Part.class);
		for (Part part : Part.values()) {
			stack.residentBytes(part).ifPresent(resident -> bytes.put(part, resident));
		}
		return bytes;
	}

	private static String report(ProcessStack stack, Duration whole, Map<Part, Long> idle, Map<Part, Long> loaded,
			int referrals, double perSecond, Duration posting, Outcome outcome) {
		StringBuilder report = new StringBuilder();
		report.append(String.format(
				"# Footprint: the local stack, one process per part%n%nJVM options: `%s`; %d cores; the whole stack ready in %.1f s. Load: %,d referrals at %.1f a second, posted in %d s, every decision %.0f s later (%d lost, %d duplicated).%n%n",
				System.getProperty("aiguillage.stack.jvm-options", ProcessStack.DEFAULT_JVM_OPTIONS),
				Runtime.getRuntime().availableProcessors(), whole.toMillis() / 1000.0, referrals, perSecond,
				posting.toSeconds(), outcome.quietAfter().toMillis() / 1000.0, outcome.lost(), outcome.duplicated()));
		report.append("| part | start-up | resident, idle | resident, under load (max) |\n| --- | --- | --- | --- |\n");
		long idleTotal = 0;
		long loadedTotal = 0;
		for (Part part : Part.values()) {
			long idleBytes = idle.getOrDefault(part, 0L);
			long loadedBytes = Math.max(loaded.getOrDefault(part, 0L), idleBytes);
			idleTotal += idleBytes;
			loadedTotal += loadedBytes;
			report.append(String.format("| %s | %s | %d MiB | %d MiB |%n", part.logName(),
					stack.startedIn(part).map(time -> String.format("%.1f s", time.toMillis() / 1000.0)).orElse("?"),
					idleBytes / MIB, loadedBytes / MIB));
		}
		report.append(String.format("| **all** | %.1f s | %d MiB | %d MiB |%n", whole.toMillis() / 1000.0,
				idleTotal / MIB, loadedTotal / MIB));
		return report.toString();
	}

}

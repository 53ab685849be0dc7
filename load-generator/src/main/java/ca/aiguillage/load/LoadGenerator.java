package ca.aiguillage.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line: a load run, or the history generator, against a running local stack.
 *
 * <pre>
 * java -jar load-generator/target/load-generator.jar --rate 50 --seconds 60
 * java -jar load-generator/target/load-generator.jar --ramp 10:200 --seconds 120
 * java -jar load-generator/target/load-generator.jar --history 1000
 * </pre>
 *
 * See docs/performance.md for every option.
 */
public final class LoadGenerator {

	/**
	 * Every option, with what it does: what {@code --help} prints. An option named
	 * without a value after it is a flag.
	 */
	static final Map<String, String> OPTIONS = described();

	private static Map<String, String> described() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("--rate R", "a fixed rate, referrals per second (10 by default)");
		options.put("--ramp FROM:TO", "a rate rising evenly from FROM to TO over the duration, instead of --rate");
		options.put("--seconds S", "how long referrals are offered (60)");
		options.put("--inbound-percent P", "the share published on the demo partner's inbound topic (20)");
		options.put("--drain-seconds D", "how long to wait after the last offer for every decision (60)");
		options.put("--baseline-writes W", "MongoDB writes per referral in the baseline (4)");
		options.put("--no-baseline", "skips the baseline");
		options.put("--no-queue", "skips the two queue figures");
		options.put("--resend-refused",
				"sends a post refused with 503 again after its Retry-After, with the same Idempotency-Key, as a partner's system does");
		options.put("--stack-pid P", "the process whose processor time is measured (the local stack's)");
		options.put("--settle-seconds S",
				"waits at most this long for the stack to fall idle first (600; 0 does not wait)");
		options.put("--report FILE", "also writes the report (Markdown) to a file");
		options.put("--ways FILE", "also writes every referral's records, hop by hop, to a CSV file");
		options.put("--history N", "fills the stack with N referrals through the partner API instead of a load");
		options.put("--concurrency C", "the history's referrals in flight at once (8)");
		options.put("--closed P",
				"then withdraws P % of the history's decided referrals, oldest first, through the partner API (0)");
		options.put("--referral URL", "referral-service (http://127.0.0.1:8081)");
		options.put("--issuer URL", "the authorization server (http://localhost:9000)");
		options.put("--kafka HOST:PORT", "the broker (127.0.0.1:9092)");
		options.put("--mongo URI", "the database (mongodb://127.0.0.1:27017)");
		options.put("--data DIR", "the stack's data directory, where its Kafka logins are (data)");
		options.put("--help", "prints this");
		return Collections.unmodifiableMap(options);
	}

	private LoadGenerator() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Map<String, String> options;
		try {
			options = options(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(usage());
			System.exit(2);
			return;
		}
		if (options.containsKey("--help")) {
			System.out.print(usage());
			return;
		}
		Target target = Target.localStack(Path.of(options.getOrDefault("--data", "data")),
				options.getOrDefault("--referral", "http://127.0.0.1:8081"),
				options.getOrDefault("--issuer", "http://localhost:9000"),
				options.getOrDefault("--kafka", "127.0.0.1:9092"),
				options.getOrDefault("--mongo", "mongodb://127.0.0.1:27017"));
		String report;
		if (options.containsKey("--history")) {
			report = HistoryGenerator.markdown(HistoryGenerator.fill(target, Long.parseLong(options.get("--history")),
					Integer.parseInt(options.getOrDefault("--concurrency", "8")),
					Duration.ofSeconds(Long.parseLong(options.getOrDefault("--drain-seconds", "600"))),
					Integer.parseInt(options.getOrDefault("--closed", "0"))));
		}
		else {
			LoadRun.Result result = LoadRun.run(target, settings(options));
			report = LoadReport.markdown(result);
			if (options.containsKey("--ways")) {
				write(options.get("--ways"), LoadReport.ways(result.stack()));
			}
		}
		System.out.print(report);
		if (options.containsKey("--report")) {
			write(options.get("--report"), report);
		}
	}

	private static void write(String name, String text) throws IOException {
		Path file = Path.of(name);
		if (file.toAbsolutePath().getParent() != null) {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		Files.writeString(file, text);
	}

	static LoadRun.Settings settings(Map<String, String> options) {
		Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "60")));
		Schedule schedule;
		if (options.containsKey("--ramp")) {
			String[] rates = options.get("--ramp").split(":");
			schedule = new Schedule(Double.parseDouble(rates[0]), Double.parseDouble(rates[1]), duration);
		}
		else {
			schedule = Schedule.fixed(Double.parseDouble(options.getOrDefault("--rate", "10")), duration);
		}
		return new LoadRun.Settings(schedule, Integer.parseInt(options.getOrDefault("--inbound-percent", "20")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("--drain-seconds", "60"))),
				Integer.parseInt(options.getOrDefault("--baseline-writes", "4")), !options.containsKey("--no-baseline"),
				!options.containsKey("--no-queue"),
				options.containsKey("--stack-pid") ? Long.valueOf(options.get("--stack-pid")) : null,
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("--settle-seconds", "600"))),
				options.containsKey("--resend-refused"));
	}

	static String usage() {
		StringBuilder usage = new StringBuilder(
				"java -jar load-generator.jar [option…]: a load run, or the history generator, against a running local stack (docs/performance.md)\n");
		OPTIONS.forEach((option, what) -> usage.append(String.format("  %-22s %s%n", option, what)));
		return usage.toString();
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			String option = OPTIONS.keySet()
				.stream()
				.filter(described -> described.split(" ")[0].equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown option " + name + "."));
			if (!option.contains(" ")) {
				options.put(args[i], "true");
			}
			else if (i + 1 < args.length) {
				options.put(args[i], args[++i]);
			}
			else {
				throw new IllegalArgumentException(args[i] + " needs a value.");
			}
		}
		return options;
	}

}

package ca.aiguillage.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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

	private static final List<String> FLAGS = List.of("--no-baseline", "--no-queue");

	private LoadGenerator() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Map<String, String> options = options(args);
		Target target = Target.localStack(Path.of(options.getOrDefault("--data", "data")),
				options.getOrDefault("--referral", "http://127.0.0.1:8081"),
				options.getOrDefault("--issuer", "http://localhost:9000"),
				options.getOrDefault("--kafka", "127.0.0.1:9092"),
				options.getOrDefault("--mongo", "mongodb://127.0.0.1:27017"));
		String report;
		if (options.containsKey("--history")) {
			report = HistoryGenerator.markdown(HistoryGenerator.fill(target, Long.parseLong(options.get("--history")),
					Integer.parseInt(options.getOrDefault("--concurrency", "8")),
					Duration.ofSeconds(Long.parseLong(options.getOrDefault("--drain-seconds", "600")))));
		}
		else {
			report = LoadReport.markdown(LoadRun.run(target, settings(options)));
		}
		System.out.print(report);
		if (options.containsKey("--report")) {
			Path file = Path.of(options.get("--report"));
			if (file.toAbsolutePath().getParent() != null) {
				Files.createDirectories(file.toAbsolutePath().getParent());
			}
			Files.writeString(file, report);
		}
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
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("--settle-seconds", "600"))));
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + args[i] + ": see docs/performance.md");
			}
			if (FLAGS.contains(args[i])) {
				options.put(args[i], "true");
			}
			else if (i + 1 < args.length) {
				options.put(args[i], args[++i]);
			}
			else {
				throw new IllegalArgumentException(args[i] + " needs a value: see docs/performance.md");
			}
		}
		return options;
	}

}

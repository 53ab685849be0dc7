package ca.aiguillage.matching.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ca.aiguillage.matching.proposal.BatchAssignment;
import ca.aiguillage.matching.proposal.MatchingWeights;
import ca.aiguillage.matching.proposal.ProposalPolicy;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One command for the benchmarks ({@code bench}) and the simulator ({@code simulate}):
 * each prints a report and writes it under {@code matching-bench/target/}.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws RunnerException {
		String command = (args.length > 0) ? args[0] : "bench";
		switch (command) {
			case "bench" -> bench();
			case "simulate" -> Simulator.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			case "simulate-pool" -> Simulator.pool(java.util.Arrays.copyOfRange(args, 1, args.length));
			default -> throw new IllegalArgumentException("Usage: bench | simulate [simulation.properties]");
		}
	}

	static void bench() throws RunnerException {
		Collection<RunResult> single = new Runner(new OptionsBuilder().include("MatchingBenchmarks.oneReferral")
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.build()).run();
		Collection<RunResult> batch = new Runner(new OptionsBuilder().include("MatchingBenchmarks.batch")
			.forks(1)
			.warmupIterations(5)
			.measurementIterations(10)
			.build()).run();
		Collection<RunResult> methods = new Runner(new OptionsBuilder().include("MatchingBenchmarks.methods")
			.forks(1)
			.warmupIterations(1)
			.measurementIterations(3)
			.build()).run();
		List<String> lines = new ArrayList<>();
		lines.add("## Benchmarks (" + System.getProperty("java.version") + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores)");
		lines.add("");
		lines.add("(a) one referral against " + MatchingBenchmarks.THERAPISTS
				+ " therapists, median (p50) of JMH sample time:");
		lines.add("");
		lines.add("| method | p50 µs | p90 µs | ratio to first-fit |");
		lines.add("| --- | ---: | ---: | ---: |");
		RunResult firstFit = find(single, "oneReferralFirstFit");
		RunResult scorer = find(single, "oneReferralScorer");
		double baseline = percentile(firstFit, 50);
		for (RunResult result : List.of(firstFit, scorer)) {
			lines.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f× |", label(result), percentile(result, 50),
					percentile(result, 90), percentile(result, 50) / baseline));
		}
		lines.add("");
		lines.add("(b) " + MatchingBenchmarks.BATCH_REFERRALS + " waiting referrals × "
				+ MatchingBenchmarks.BATCH_THERAPISTS * MatchingBenchmarks.BATCH_PLACES_EACH + " free places ("
				+ MatchingBenchmarks.BATCH_THERAPISTS + " therapists), mean of 10 single shots after 5 warm-ups:");
		lines.add("");
		Quality quality = quality();
		lines.add("| method | ms | time ratio to first-fit | placed | total score | score ratio to first-fit |");
		lines.add("| --- | ---: | ---: | ---: | ---: | ---: |");
		RunResult batchFirstFit = find(batch, "batchFirstFit");
		double batchBaseline = batchFirstFit.getPrimaryResult().getScore();
		for (String name : List.of("batchFirstFit", "batchScorer", "batchOptimizer", "batchSparseHungarian")) {
			RunResult result = find(batch, name);
			BatchAssignment.Result assignment = quality.results.get(name);
			lines.add(String.format(Locale.ROOT, "| %s | %.0f | %.2f× | %d | %.1f | %.3f× |", label(result),
					result.getPrimaryResult().getScore(), result.getPrimaryResult().getScore() / batchBaseline,
					assignment.placed(), assignment.totalScore(),
					assignment.totalScore() / quality.results.get("batchFirstFit").totalScore()));
		}
		methods(methods, lines);
		report(lines, "bench-report.md");
	}

	private static final List<String> METHODS = List.of("methodsFirstFit", "methodsPruning", "methodsMinCostFlow",
			"methodsHungarian", "methodsSparseHungarian");

	/**
	 * (c): the solving step of each method on the same pruned pairs; pruning is shared
	 * and timed once.
	 */
	private static void methods(Collection<RunResult> results, List<String> lines) {
		lines.add("");
		lines.add("(c) the optimizer's method, on the same pruned pairs (solving only; pruning is shared), "
				+ "mean of 3 single shots after 1 warm-up:");
		for (String waiting : results.stream()
			.map(result -> result.getParams().getParam("waiting"))
			.distinct()
			.toList()) {
			int size = Integer.parseInt(waiting);
			BatchAssignment batch = new BatchAssignment(new ProposalPolicy(MatchingWeights.defaults()));
			Roster roster = Workloads.roster(size / 10 / MatchingBenchmarks.BATCH_PLACES_EACH,
					MatchingBenchmarks.BATCH_PLACES_EACH, 21);
			List<ReferralNeeds> referrals = Workloads.referrals(size, 22);
			List<BatchAssignment.Pair> pairs = batch.prune(referrals, roster, Workloads.NOW);
			Map<String, BatchAssignment.Result> assignments = Map.of("methodsFirstFit",
					batch.firstFit(referrals, roster, Workloads.NOW), "methodsMinCostFlow",
					BatchAssignment.minCostFlow(referrals, roster, pairs), "methodsHungarian",
					HungarianAssignment.dense(referrals, roster, pairs), "methodsSparseHungarian",
					HungarianAssignment.sparse(referrals, roster, pairs));
			lines.add("");
			lines.add(String.format(Locale.ROOT, "%,d waiting × %,d places, %,d pruned pairs:", size,
					roster.candidates().stream().mapToInt(candidate -> candidate.freePlaces()).sum(), pairs.size()));
			lines.add("");
			lines.add("| method | ms | time ratio to first-fit | time ratio to min-cost flow | placed | total score "
					+ "| score ratio to first-fit |");
			lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
			double firstFit = find(results, "methodsFirstFit", waiting).getPrimaryResult().getScore();
			double flow = find(results, "methodsMinCostFlow", waiting).getPrimaryResult().getScore();
			double firstFitScore = assignments.get("methodsFirstFit").totalScore();
			for (String method : METHODS) {
				double ms = find(results, method, waiting).getPrimaryResult().getScore();
				BatchAssignment.Result assignment = assignments.get(method);
				lines.add(String.format(Locale.ROOT, "| %s | %.1f | %.2f× | %s | %s | %s | %s |", method, ms,
						ms / firstFit,
						method.equals("methodsFirstFit") || method.equals("methodsPruning") ? "—"
								: String.format(Locale.ROOT, "%.2f×", ms / flow),
						(assignment != null) ? String.valueOf(assignment.placed()) : "—",
						(assignment != null) ? String.format(Locale.ROOT, "%.1f", assignment.totalScore()) : "—",
						(assignment != null)
								? String.format(Locale.ROOT, "%.3f×", assignment.totalScore() / firstFitScore) : "—"));
			}
		}
	}

	private static RunResult find(Collection<RunResult> results, String method, String waiting) {
		return results.stream()
			.filter(result -> result.getParams().getBenchmark().endsWith("." + method)
					&& waiting.equals(result.getParams().getParam("waiting")))
			.findFirst()
			.orElseThrow();
	}

	private record Quality(Map<String, BatchAssignment.Result> results) {
	}

	private static Quality quality() {
		BatchAssignment batch = new BatchAssignment(new ProposalPolicy(MatchingWeights.defaults()));
		Roster roster = Workloads.roster(MatchingBenchmarks.BATCH_THERAPISTS, MatchingBenchmarks.BATCH_PLACES_EACH, 21);
		List<ReferralNeeds> waiting = Workloads.referrals(MatchingBenchmarks.BATCH_REFERRALS, 22);
		return new Quality(Map.of("batchFirstFit", batch.firstFit(waiting, roster, Workloads.NOW), "batchScorer",
				batch.greedy(waiting, roster, Workloads.NOW), "batchOptimizer",
				batch.optimal(waiting, roster, Workloads.NOW), "batchSparseHungarian",
				HungarianAssignment.sparse(waiting, roster, batch.prune(waiting, roster, Workloads.NOW))));
	}

	private static String label(RunResult result) {
		String name = result.getParams().getBenchmark();
		return name.substring(name.lastIndexOf('.') + 1);
	}

	private static RunResult find(Collection<RunResult> results, String method) {
		return results.stream()
			.filter(result -> result.getParams().getBenchmark().endsWith("." + method))
			.findFirst()
			.orElseThrow();
	}

	private static double percentile(RunResult result, double percentile) {
		return result.getPrimaryResult().getStatistics().getPercentile(percentile);
	}

	static void report(List<String> lines, String file) {
		PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
				StandardCharsets.UTF_8);
		lines.forEach(out::println);
		Path target = Path.of(Files.isDirectory(Path.of("matching-bench")) ? "matching-bench/target" : "target");
		try {
			Files.createDirectories(target);
			Files.write(target.resolve(file), lines, StandardCharsets.UTF_8);
			out.println("\nWritten to " + target.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package ca.aiguillage.matching.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The waitlist simulator: FIFO first-fit, today's policy, each access lever alone, all of
 * them, and the clairvoyant bound, at every capacity level of the parameter file, each on
 * many seeds (a network and its arrivals per seed). Every figure is a mean over the
 * reporting seeds with its 95 % confidence interval; a difference is paired by seed. The
 * policy's weights are chosen on other seeds (the tuning seeds) than those reported.
 */
final class Simulator {

	/** Aging weights tried on the tuning seeds (the others as the service's defaults). */
	private static final double[] AGING_WEIGHTS = { 1, 2, 4, 8 };

	private Simulator() {
	}

	/** One variant compared: a policy with levers, under weights. */
	record Variant(String label, WaitlistSimulation simulation, WaitlistSimulation.Policy policy,
			WaitlistSimulation.Levers levers) {

		WaitlistSimulation.Outcome run(double capacity, long seed) {
			return this.simulation.run(this.policy, capacity, seed, this.levers);
		}

		/** The same policy under the same weights, with no access lever pulled. */
		Variant withoutLevers(String label) {
			return new Variant(label, this.simulation, this.policy, WaitlistSimulation.Levers.NONE);
		}

	}

	/** A variant's runs at one capacity, one per reporting seed, in seed order. */
	record Runs(Variant variant, double capacity, List<WaitlistSimulation.Outcome> outcomes) {
	}

	static void main(String[] args) {
		long began = System.nanoTime();
		SimulationParameters parameters = (args.length > 0) ? SimulationParameters.read(Path.of(args[0]))
				: Workloads.defaults();
		long firstSeed = parameters.integer("seed");
		long[] reporting = LongStream.range(firstSeed, firstSeed + parameters.integer("seeds")).toArray();
		long[] tuning = LongStream.range(firstSeed + 10_000, firstSeed + 10_000 + parameters.integer("tuning-seeds"))
			.toArray();
		ForkJoinPool pool = new ForkJoinPool(Math.max(1, parameters.integer("threads") > 0
				? parameters.integer("threads") : Runtime.getRuntime().availableProcessors()));
		WaitlistSimulation today = new WaitlistSimulation(parameters);
		WaitlistSimulation.Levers checkIns = new WaitlistSimulation.Levers(parameters.integer("check-in-weeks"), 7);
		WaitlistSimulation.Levers window = new WaitlistSimulation.Levers(0, parameters.integer("offer-window-days"));
		WaitlistSimulation.Levers both = new WaitlistSimulation.Levers(checkIns.checkInWeeks(),
				window.offerWindowDays());

		List<String> lines = new ArrayList<>();
		Variant fifo = new Variant("FIFO first-fit", today, WaitlistSimulation.Policy.FIFO_FIRST_FIT,
				WaitlistSimulation.Levers.NONE);
		Variant current = new Variant("today's policy (scorer)", today, WaitlistSimulation.Policy.SCORER,
				WaitlistSimulation.Levers.NONE);
		double shippedAging = parameters.number("shipped-aging");
		boolean everyVariant = !"groups".equals(parameters.text("variants"));
		List<Variant> variants = new ArrayList<>(List.of(fifo, current));
		Variant shipped;
		List<Variant> charted = List.of();
		if (everyVariant) {
			Tuning tuned = tune(parameters, pool, tuning, both, lines);
			Variant tunedVariant = new Variant("+ both, aging weight " + format(tuned.aging()), tuned.simulation(),
					WaitlistSimulation.Policy.SCORER, both);
			shipped = (tuned.aging() == shippedAging) ? tunedVariant : shipped(parameters, both);
			Variant bothLevers = new Variant("+ both", today, WaitlistSimulation.Policy.SCORER, both);
			Variant clairvoyant = new Variant("clairvoyant bound", today, WaitlistSimulation.Policy.CLAIRVOYANT,
					WaitlistSimulation.Levers.NONE);
			// Each lever alone on today's policy, the fairness weight too: its run
			// differs from today's only by the aging weight.
			variants.addAll(List.of(
					new Variant("+ check-ins every " + checkIns.checkInWeeks() + " weeks", today,
							WaitlistSimulation.Policy.SCORER, checkIns),
					new Variant("+ offer window " + window.offerWindowDays() + " days", today,
							WaitlistSimulation.Policy.SCORER, window),
					shipped.withoutLevers("+ aging weight " + format(shippedAging) + " alone"), bothLevers,
					tunedVariant, clairvoyant));
			if (shipped != tunedVariant) {
				variants.add(shipped);
			}
			charted = List.of(fifo, current, bothLevers, tunedVariant, clairvoyant);
		}
		else {
			shipped = shipped(parameters, both);
			variants.add(shipped);
		}
		List<Runs> all = new ArrayList<>();
		for (double capacity : parameters.capacityLevels()) {
			for (Variant variant : variants) {
				all.add(new Runs(variant, capacity, runAll(pool, variant, capacity, reporting)));
			}
		}
		report(lines, parameters, today, all, reporting, everyVariant ? tuning : new long[0], began);
		groups(lines, parameters, all, List.of(current, shipped));
		if (everyVariant) {
			chart(all, charted);
		}
		Bench.report(lines, "simulation-report.md");
	}

	/** The shipped policy: both levers, the aging weight {@code shipped-aging}. */
	static Variant shipped(SimulationParameters parameters, WaitlistSimulation.Levers both) {
		Map<String, Double> defaults = parameters.weights("weights");
		double aging = parameters.number("shipped-aging");
		WaitlistSimulation simulation = new WaitlistSimulation(parameters.with("weights",
				String.format(Locale.ROOT, "approach:%s,load:%s,priority:%s,aging:%s,continuity:%s",
						defaults.get("approach"), defaults.get("load"), defaults.get("priority"), aging,
						defaults.get("continuity"))));
		return new Variant("shipped (both levers, aging weight " + format(aging) + ")", simulation,
				WaitlistSimulation.Policy.SCORER, both);
	}

	/**
	 * Every group of each dimension under today's and the shipped policy against FIFO
	 * first-fit, paired by seed, at every capacity level: first the differences side by
	 * side, then each capacity in full.
	 */
	private static void groups(List<String> lines, SimulationParameters parameters, List<Runs> all,
			List<Variant> compared) {
		double minArrivals = parameters.number("group-min-arrivals");
		List<Double> capacities = parameters.capacityLevels();
		lines.add("");
		lines.add("### Every group against FIFO first-fit");
		lines.add("");
		lines.add("Share started ≤ 60 d, variant minus FIFO first-fit, paired by seed (points, ± half-width of the "
				+ "95 % interval). **worse** = the whole interval lies below FIFO. A group with fewer than "
				+ format(minArrivals) + " referrals a year (mean over the seeds) is too small and never flagged.");
		for (Variant variant : compared) {
			List<String> worse = new ArrayList<>();
			Map<Double, List<Groups.Comparison>> byCapacity = new LinkedHashMap<>();
			// Every capacity level sees the same referrals, hence the same groups.
			List<Groups.Group> everyGroup = Groups.all(groupsOf(find(all, capacities.get(0), 0).outcomes()));
			for (double capacity : capacities) {
				List<Map<Groups.Group, Groups.Figures>> mine = groupsOf(runsOf(all, variant, capacity));
				List<Map<Groups.Group, Groups.Figures>> fifo = groupsOf(find(all, capacity, 0).outcomes());
				List<Groups.Comparison> comparisons = everyGroup.stream()
					.map(group -> Groups.compare(group, mine, fifo, minArrivals))
					.toList();
				byCapacity.put(capacity, comparisons);
				comparisons.stream()
					.filter(Groups.Comparison::worseThanFifo)
					.forEach(comparison -> worse.add(String.format(Locale.ROOT, "%s %s at %.0f %% (%s)",
							comparison.group().dimension().label, comparison.group().name(), 100 * capacity,
							signed(comparison.difference(), comparison.halfWidth()))));
			}
			lines.add("");
			lines.add("#### " + variant.label());
			lines.add("");
			lines.add("Worse than FIFO: " + (worse.isEmpty() ? "no group." : String.join("; ", worse) + "."));
			lines.add("");
			StringBuilder header = new StringBuilder("| group | referrals a year |");
			StringBuilder rule = new StringBuilder("| --- | ---: |");
			capacities.forEach(capacity -> {
				header.append(String.format(Locale.ROOT, " %.0f %% |", 100 * capacity));
				rule.append(" ---: |");
			});
			lines.add(header.toString());
			lines.add(rule.toString());
			List<Groups.Comparison> first = byCapacity.values().iterator().next();
			for (int g = 0; g < first.size(); g++) {
				Groups.Comparison group = first.get(g);
				StringBuilder row = new StringBuilder(
						String.format(Locale.ROOT, "| %s: %s | %.0f%s |", group.group().dimension().label,
								group.group().name(), group.arrivals(), group.tooSmall() ? " (too small)" : ""));
				for (List<Groups.Comparison> comparisons : byCapacity.values()) {
					row.append(' ').append(cell(comparisons.get(g))).append(" |");
				}
				lines.add(row.toString());
			}
			for (Map.Entry<Double, List<Groups.Comparison>> entry : byCapacity.entrySet()) {
				lines.add("");
				lines.add(String.format(Locale.ROOT, "%s at %.0f %% capacity:", variant.label(), 100 * entry.getKey()));
				lines.add("");
				lines.add("| group | referrals a year | started ≤ 60 d (%) | FIFO (%) | vs FIFO (points) "
						+ "| median wait (d) | FIFO median wait (d) | |");
				lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
				for (Groups.Comparison comparison : entry.getValue()) {
					lines.add(String.format(Locale.ROOT, "| %s: %s | %.0f | %.1f | %.1f | %s | %.0f | %.0f | %s |",
							comparison.group().dimension().label, comparison.group().name(), comparison.arrivals(),
							comparison.share(), comparison.fifoShare(),
							signed(comparison.difference(), comparison.halfWidth()), comparison.medianWait(),
							comparison.fifoMedianWait(), comparison.worseThanFifo() ? "**worse than FIFO**"
									: comparison.tooSmall() ? "too small" : ""));
				}
			}
		}
	}

	private static String cell(Groups.Comparison comparison) {
		String figure = signed(comparison.difference(), comparison.halfWidth());
		return comparison.worseThanFifo() ? "**" + figure + " worse**" : figure;
	}

	private static String signed(double mean, double halfWidth) {
		return String.format(Locale.ROOT, "%+.1f ± %.1f", mean, halfWidth).replace('-', '−');
	}

	private static List<WaitlistSimulation.Outcome> runsOf(List<Runs> all, Variant variant, double capacity) {
		return all.stream()
			.filter(runs -> runs.variant() == variant && runs.capacity() == capacity)
			.findFirst()
			.orElseThrow()
			.outcomes();
	}

	private static List<Map<Groups.Group, Groups.Figures>> groupsOf(List<WaitlistSimulation.Outcome> runs) {
		return runs.stream().map(WaitlistSimulation.Outcome::groups).toList();
	}

	/**
	 * The network's video pool (issue 16, item 3) measured alone: referrals held by their
	 * home organization, with and without the pool, under FIFO first-fit and the shipped
	 * policy (both levers, the aging weight {@code shipped-aging}), at the pool's
	 * capacity levels, on the reporting seeds; differences paired by seed.
	 */
	static void pool(String[] args) {
		SimulationParameters parameters = (args.length > 0) ? SimulationParameters.read(Path.of(args[0]))
				: Workloads.defaults();
		Bench.report(poolReport(parameters), "video-pool-report.md");
	}

	/** The video pool's report: per capacity level, the four variants' figures. */
	static List<String> poolReport(SimulationParameters parameters) {
		long began = System.nanoTime();
		long firstSeed = parameters.integer("seed");
		long[] seeds = LongStream.range(firstSeed, firstSeed + parameters.integer("seeds")).toArray();
		ForkJoinPool threads = new ForkJoinPool(Math.max(1, parameters.integer("threads") > 0
				? parameters.integer("threads") : Runtime.getRuntime().availableProcessors()));
		Map<String, Double> defaults = parameters.weights("weights");
		WaitlistSimulation plain = new WaitlistSimulation(parameters);
		WaitlistSimulation shipped = new WaitlistSimulation(parameters.with("weights",
				String.format(Locale.ROOT, "approach:%s,load:%s,priority:%s,aging:%s,continuity:%s",
						defaults.get("approach"), defaults.get("load"), defaults.get("priority"),
						parameters.number("shipped-aging"), defaults.get("continuity"))));
		WaitlistSimulation.Levers both = new WaitlistSimulation.Levers(parameters.integer("check-in-weeks"),
				parameters.integer("offer-window-days"));
		Variant fifoHome = new Variant("FIFO first-fit, home only", plain, WaitlistSimulation.Policy.FIFO_FIRST_FIT,
				WaitlistSimulation.Levers.NONE.atHome(false));
		Variant fifoPool = new Variant("FIFO first-fit, home + pool", plain, WaitlistSimulation.Policy.FIFO_FIRST_FIT,
				WaitlistSimulation.Levers.NONE.atHome(true));
		Variant shippedHome = new Variant("shipped, home only", shipped, WaitlistSimulation.Policy.SCORER,
				both.atHome(false));
		Variant shippedPool = new Variant("shipped, home + pool", shipped, WaitlistSimulation.Policy.SCORER,
				both.atHome(true));
		List<String> lines = new ArrayList<>();
		lines.add("## The network's video pool, on seeds " + seeds[0] + "–" + seeds[seeds.length - 1]);
		lines.add("");
		lines.add("| capacity | variant | started ≤ 60 d (%) | pool − home only (points) | vs FIFO home only (points) "
				+ "| median wait (d) | p90 wait (d) | language gap (points) | pool − home only, language gap (points) "
				+ "| fee-band gap (points) | pool − home only, fee-band gap (points) |");
		lines.add("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		double[] capacities = parameters.numbers("pool-capacity-levels");
		for (double capacity : capacities) {
			List<WaitlistSimulation.Outcome> fifo = runAll(threads, fifoHome, capacity, seeds);
			for (Variant[] pair : new Variant[][] { { fifoHome, fifoPool }, { shippedHome, shippedPool } }) {
				List<WaitlistSimulation.Outcome> home = (pair[0] == fifoHome) ? fifo
						: runAll(threads, pair[0], capacity, seeds);
				List<WaitlistSimulation.Outcome> pooled = runAll(threads, pair[1], capacity, seeds);
				for (List<WaitlistSimulation.Outcome> runs : List.of(home, pooled)) {
					boolean isPool = runs == pooled;
					lines.add(String.format(Locale.ROOT,
							"| %.0f %% | %s | %s | %s | %s | %.0f | %.0f | %s | %s | %s | %s |", 100 * capacity,
							(isPool ? pair[1] : pair[0]).label(),
							interval(values(runs, WaitlistSimulation.Outcome::withinTarget), 100),
							isPool ? interval(paired(pooled, home, WaitlistSimulation.Outcome::withinTarget), 100)
									: "—",
							interval(paired(runs, fifo, WaitlistSimulation.Outcome::withinTarget), 100),
							mean(values(runs, WaitlistSimulation.Outcome::medianWait)),
							mean(values(runs, WaitlistSimulation.Outcome::p90Wait)),
							interval(values(runs, WaitlistSimulation.Outcome::languageGap), 1),
							isPool ? interval(paired(pooled, home, WaitlistSimulation.Outcome::languageGap), 1) : "—",
							interval(values(runs, WaitlistSimulation.Outcome::feeBandGap), 1),
							isPool ? interval(paired(pooled, home, WaitlistSimulation.Outcome::feeBandGap), 1) : "—"));
				}
			}
		}
		lines.add("");
		lines.add(String.format(Locale.ROOT, "%d runs in %.0f s (machine shared with other work: not a timing).",
				capacities.length * 4 * seeds.length, (System.nanoTime() - began) / 1e9));
		return lines;
	}

	/** The aging weight chosen on the tuning seeds, and its simulation. */
	record Tuning(double aging, WaitlistSimulation simulation) {
	}

	/**
	 * Chooses the aging weight whose smallest paired gain over FIFO first-fit, across the
	 * capacity levels, is largest on the tuning seeds (with both levers on).
	 */
	private static Tuning tune(SimulationParameters parameters, ForkJoinPool pool, long[] seeds,
			WaitlistSimulation.Levers levers, List<String> lines) {
		WaitlistSimulation plain = new WaitlistSimulation(parameters);
		Map<Double, List<WaitlistSimulation.Outcome>> fifo = new LinkedHashMap<>();
		for (double capacity : parameters.capacityLevels()) {
			fifo.put(capacity, runAll(pool, new Variant("FIFO", plain, WaitlistSimulation.Policy.FIFO_FIRST_FIT,
					WaitlistSimulation.Levers.NONE), capacity, seeds));
		}
		Map<String, Double> defaults = parameters.weights("weights");
		lines.add("### Aging weight chosen on the tuning seeds " + seeds[0] + "–" + seeds[seeds.length - 1]);
		lines.add("");
		lines.add("Smallest mean gain over FIFO first-fit (points, started ≤ 60 d) across the capacity levels, "
				+ "today's policy with both levers:");
		lines.add("");
		Tuning best = null;
		double bestWorst = Double.NEGATIVE_INFINITY;
		for (double aging : AGING_WEIGHTS) {
			SimulationParameters weighted = parameters.with("weights",
					String.format(Locale.ROOT, "approach:%s,load:%s,priority:%s,aging:%s,continuity:%s",
							defaults.get("approach"), defaults.get("load"), defaults.get("priority"), aging,
							defaults.get("continuity")));
			WaitlistSimulation simulation = new WaitlistSimulation(weighted);
			double worst = Double.POSITIVE_INFINITY;
			for (double capacity : parameters.capacityLevels()) {
				List<WaitlistSimulation.Outcome> runs = runAll(pool,
						new Variant("tuning", simulation, WaitlistSimulation.Policy.SCORER, levers), capacity, seeds);
				worst = Math.min(worst,
						mean(paired(runs, fifo.get(capacity), WaitlistSimulation.Outcome::withinTarget)));
			}
			lines.add(String.format(Locale.ROOT, "- aging %s: %+.1f", format(aging), 100 * worst));
			if (worst > bestWorst) {
				bestWorst = worst;
				best = new Tuning(aging, simulation);
			}
		}
		lines.add("");
		return best;
	}

	private static List<WaitlistSimulation.Outcome> runAll(ForkJoinPool pool, Variant variant, double capacity,
			long[] seeds) {
		try {
			return pool
				.submit(() -> LongStream.of(seeds).parallel().mapToObj(seed -> variant.run(capacity, seed)).toList())
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static void report(List<String> lines, SimulationParameters parameters, WaitlistSimulation today,
			List<Runs> all, long[] reporting, long[] tuning, long began) {
		List<String> head = new ArrayList<>();
		head.add("## Waitlist simulation (" + today.therapistsAtFullCapacity() + " therapists at 100 % capacity, "
				+ reporting.length + " reporting seeds " + reporting[0] + "–" + reporting[reporting.length - 1]
				+ ((tuning.length > 0) ? ", tuning seeds " + tuning[0] + "–" + tuning[tuning.length - 1]
						: ", no tuning: the shipped aging weight")
				+ ")");
		head.add("");
		head.add("Mean over the reporting seeds ± half-width of the 95 % confidence interval (Student's t). "
				+ "\"vs FIFO\" and \"vs today\" are paired by seed.");
		head.add("");
		lines.addAll(0, head);
		lines.add("| capacity | variant | started ≤ 60 d | vs FIFO (points) | vs today (points) | median wait (d) "
				+ "| p90 wait (d) | language gap ≤ 60 d (points) | fee-band gap ≤ 60 d (points) "
				+ "| fee-band gap vs FIFO (points) |");
		lines.add("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (Runs runs : all) {
			List<WaitlistSimulation.Outcome> fifo = find(all, runs.capacity(), 0).outcomes();
			List<WaitlistSimulation.Outcome> current = find(all, runs.capacity(), 1).outcomes();
			lines.add(String.format(Locale.ROOT, "| %.0f %% | %s | %s %% | %s | %s | %.0f | %.0f | %s | %s | %s |",
					100 * runs.capacity(), runs.variant().label(),
					interval(values(runs.outcomes(), WaitlistSimulation.Outcome::withinTarget), 100),
					interval(paired(runs.outcomes(), fifo, WaitlistSimulation.Outcome::withinTarget), 100),
					interval(paired(runs.outcomes(), current, WaitlistSimulation.Outcome::withinTarget), 100),
					mean(values(runs.outcomes(), WaitlistSimulation.Outcome::medianWait)),
					mean(values(runs.outcomes(), WaitlistSimulation.Outcome::p90Wait)),
					interval(values(runs.outcomes(), WaitlistSimulation.Outcome::languageGap), 1),
					interval(values(runs.outcomes(), WaitlistSimulation.Outcome::feeBandGap), 1),
					(runs.variant() == find(all, runs.capacity(), 0).variant()) ? "—"
							: interval(paired(runs.outcomes(), fifo, WaitlistSimulation.Outcome::feeBandGap), 1)));
		}
		lines.add("");
		lines.add(String.format(Locale.ROOT, "%d runs in %.0f s (%d threads).", all.size() * reporting.length,
				(System.nanoTime() - began) / 1e9, Runtime.getRuntime().availableProcessors()));
	}

	private static Runs find(List<Runs> all, double capacity, int variant) {
		return all.stream().filter(runs -> runs.capacity() == capacity).skip(variant).findFirst().orElseThrow();
	}

	private static void chart(List<Runs> all, List<Variant> variants) {
		Map<String, List<WaitlistSimulation.Outcome>> byVariant = new LinkedHashMap<>();
		for (Variant variant : variants) {
			List<WaitlistSimulation.Outcome> series = new ArrayList<>();
			for (Runs runs : all) {
				if (runs.variant() == variant) {
					WaitlistSimulation.Outcome first = runs.outcomes().get(0);
					series.add(new WaitlistSimulation.Outcome(first.policy(), first.capacity(), first.arrivals(),
							mean(values(runs.outcomes(), WaitlistSimulation.Outcome::withinTarget)), first.medianWait(),
							first.p90Wait(), first.languageGap(), first.languageGapDays(), first.waits(),
							first.feeBandGap(), first.groups()));
				}
			}
			byVariant.put(variant.label(), series);
		}
		Path target = Path.of(Files.isDirectory(Path.of("matching-bench")) ? "matching-bench/target" : "target");
		try {
			Files.createDirectories(target);
			Files.writeString(target.resolve("waitlist-simulation.svg"), SvgChart.draw(byVariant),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double[] values(List<WaitlistSimulation.Outcome> runs,
			ToDoubleFunction<WaitlistSimulation.Outcome> figure) {
		return runs.stream().mapToDouble(figure).toArray();
	}

	/** Per seed, this variant's figure minus the other's. */
	static double[] paired(List<WaitlistSimulation.Outcome> runs, List<WaitlistSimulation.Outcome> others,
			ToDoubleFunction<WaitlistSimulation.Outcome> figure) {
		double[] differences = new double[runs.size()];
		for (int i = 0; i < differences.length; i++) {
			differences[i] = figure.applyAsDouble(runs.get(i)) - figure.applyAsDouble(others.get(i));
		}
		return differences;
	}

	static double mean(double[] values) {
		SummaryStatistics statistics = new SummaryStatistics();
		for (double value : values) {
			statistics.addValue(value);
		}
		return statistics.getMean();
	}

	/** Half-width of the 95 % confidence interval of the mean (Student's t). */
	static double halfWidth(double[] values) {
		SummaryStatistics statistics = new SummaryStatistics();
		for (double value : values) {
			statistics.addValue(value);
		}
		if (statistics.getN() < 2) {
			return Double.NaN;
		}
		double t = new TDistribution(statistics.getN() - 1).inverseCumulativeProbability(0.975);
		return t * statistics.getStandardDeviation() / Math.sqrt(statistics.getN());
	}

	private static String interval(double[] values, double scale) {
		return String.format(Locale.ROOT, "%.1f ± %.1f", scale * mean(values), scale * halfWidth(values));
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

}

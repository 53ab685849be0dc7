package ca.aiguillage.matching.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The waitlist simulator: every policy at every capacity level of the parameter file, a
 * report of the share started within 60 days, the median and 90th-percentile wait and the
 * language gap, and an SVG chart.
 */
final class Simulator {

	private Simulator() {
	}

	static void main(String[] args) {
		SimulationParameters parameters = (args.length > 0) ? SimulationParameters.read(Path.of(args[0]))
				: Workloads.defaults();
		WaitlistSimulation simulation = new WaitlistSimulation(parameters);
		List<WaitlistSimulation.Outcome> outcomes = new ArrayList<>();
		for (double capacity : parameters.capacityLevels()) {
			for (WaitlistSimulation.Policy policy : WaitlistSimulation.Policy.values()) {
				outcomes.add(simulation.run(policy, capacity));
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add("## Waitlist simulation (" + simulation.therapistsAtFullCapacity()
				+ " therapists at 100 % capacity, seed " + parameters.integer("seed") + ")");
		lines.add("");
		lines
			.add("| capacity | policy | referrals | started ≤ 60 d | vs FIFO (points) | median wait (d) | p90 wait (d) "
					+ "| language gap ≤ 60 d (points) | language gap median (d) |");
		lines.add("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (WaitlistSimulation.Outcome outcome : outcomes) {
			WaitlistSimulation.Outcome fifo = outcomes.stream()
				.filter(o -> o.capacity() == outcome.capacity()
						&& o.policy() == WaitlistSimulation.Policy.FIFO_FIRST_FIT)
				.findFirst()
				.orElseThrow();
			lines.add(String.format(Locale.ROOT, "| %.0f %% | %s | %d | %.1f %% | %+.1f | %.0f | %.0f | %.1f | %.0f |",
					100 * outcome.capacity(), outcome.policy().label, outcome.arrivals(), 100 * outcome.withinTarget(),
					100 * (outcome.withinTarget() - fifo.withinTarget()), outcome.medianWait(), outcome.p90Wait(),
					outcome.languageGap(), outcome.languageGapDays()));
		}
		Path target = Path.of(Files.isDirectory(Path.of("matching-bench")) ? "matching-bench/target" : "target");
		Path svg = target.resolve("waitlist-simulation.svg");
		try {
			Files.createDirectories(target);
			Files.writeString(svg, SvgChart.draw(outcomes), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		lines.add("");
		lines.add("Chart: " + svg);
		Bench.report(lines, "simulation-report.md");
	}

}

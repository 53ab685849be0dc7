package ca.aiguillage.matching.bench;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's variants and reports, on short runs of the real simulation. */
class SimulatorTests {

	private final SimulationParameters shortRun = ShortRuns.parameters();

	@Test
	void theFairnessWeightAloneIsTodaysPolicyWithTheShippedAgingWeightAndNoLever() {
		Simulator.Variant shipped = Simulator.shipped(this.shortRun, new WaitlistSimulation.Levers(4, 2));

		Simulator.Variant alone = shipped.withoutLevers("+ aging weight 8 alone");
		WaitlistSimulation.Outcome today = new WaitlistSimulation(this.shortRun).run(WaitlistSimulation.Policy.SCORER,
				0.8, 7, WaitlistSimulation.Levers.NONE);
		WaitlistSimulation.Outcome weighted = alone.run(0.8, 7);

		assertThat(alone.levers()).isEqualTo(WaitlistSimulation.Levers.NONE);
		assertThat(alone.policy()).isEqualTo(WaitlistSimulation.Policy.SCORER);
		assertThat(alone.simulation()).isSameAs(shipped.simulation());
		// The same clients, placed otherwise: only the weight differs from today's.
		assertThat(weighted.arrivals()).isEqualTo(today.arrivals()).isPositive();
		assertThat(weighted.waits()).isNotEqualTo(today.waits());
	}

	@Test
	void theVideoPoolIsMeasuredAcrossTheSameCapacitySweepAsTheOtherLevers() {
		SimulationParameters defaults = Workloads.defaults();

		assertThat(defaults.numbers("pool-capacity-levels")).containsExactly(defaults.numbers("capacity-levels"));
		assertThat(defaults.numbers("pool-capacity-levels")).contains(0.80, 1.20);
	}

	@Test
	void videoPoolReportGivesEveryVariantItsWaitsAndFeeBandGapAtEveryCapacityLevel() {
		List<String> report = Simulator.poolReport(
				this.shortRun.with("seeds", "2").with("threads", "1").with("pool-capacity-levels", "0.80,1.20"));

		String header = report.stream().filter(line -> line.startsWith("| capacity |")).findFirst().orElseThrow();
		assertThat(header).contains("| median wait (d) |", "| p90 wait (d) |", "| fee-band gap (points) |",
				"| pool − home only, fee-band gap (points) |");
		int columns = cells(header).size();
		for (String level : List.of("| 80 % |", "| 120 % |")) {
			List<String> rows = report.stream().filter(line -> line.startsWith(level)).toList();
			assertThat(rows).hasSize(4);
			assertThat(rows).allSatisfy(row -> {
				assertThat(cells(row)).hasSize(columns);
				assertThat(row).doesNotContain("NaN");
			});
		}
	}

	private static List<String> cells(String row) {
		return Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::trim).toList();
	}

}

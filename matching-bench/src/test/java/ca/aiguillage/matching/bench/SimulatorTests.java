package ca.aiguillage.matching.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's variants and reports, on short runs of the real simulation. */
class SimulatorTests {

	private final SimulationParameters shortRun = SimulationParameters.read(Path.of("simulation.properties"))
		.with("warmup-weeks", "4")
		.with("weeks", "8")
		.with("initial-backlog", "100")
		.with("referrals-per-year", "1500");

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

}

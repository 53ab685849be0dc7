package ca.aiguillage.matching.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A smoke test: a short run of every policy on the real policy code. */
class WaitlistSimulationTests {

	private final SimulationParameters shortRun = ShortRuns.parameters();

	@Test
	void everyPolicyStartsSomeClientsAndTheClairvoyantBoundBeatsFifoWhenPlacesAreScarce() {
		// Half a year after a quarter's warm-up, so that a backlog builds up as in the
		// report. At 80 % capacity knowing the answers gains about 20 points there; at
		// 100 % or more the bound can fall just under FIFO (it optimizes the score).
		WaitlistSimulation simulation = new WaitlistSimulation(
				SimulationParameters.read(Path.of("simulation.properties"))
					.with("warmup-weeks", "13")
					.with("weeks", "26"));

		WaitlistSimulation.Outcome fifo = simulation.run(WaitlistSimulation.Policy.FIFO_FIRST_FIT, 0.8);
		WaitlistSimulation.Outcome scorer = simulation.run(WaitlistSimulation.Policy.SCORER, 0.8);
		WaitlistSimulation.Outcome optimizer = simulation.run(WaitlistSimulation.Policy.BATCH_OPTIMIZER, 0.8);
		WaitlistSimulation.Outcome clairvoyant = simulation.run(WaitlistSimulation.Policy.CLAIRVOYANT, 0.8);

		assertThat(fifo.arrivals()).isEqualTo(clairvoyant.arrivals()).isPositive();
		assertThat(fifo.waits()).isNotEmpty();
		assertThat(scorer.waits()).isNotEmpty();
		assertThat(optimizer.waits()).isNotEmpty();
		assertThat(clairvoyant.withinTarget()).isGreaterThan(fifo.withinTarget());
	}

	@Test
	void moreCapacityStartsMoreClientsWithinTheTarget() {
		WaitlistSimulation simulation = new WaitlistSimulation(this.shortRun);

		assertThat(simulation.run(WaitlistSimulation.Policy.BATCH_OPTIMIZER, 1.2).withinTarget())
			.isGreaterThan(simulation.run(WaitlistSimulation.Policy.BATCH_OPTIMIZER, 0.8).withinTarget());
	}

	@Test
	void everyLeverRunsOnTheSameArrivalsAndStartsClients() {
		WaitlistSimulation simulation = new WaitlistSimulation(this.shortRun);

		WaitlistSimulation.Outcome today = simulation.run(WaitlistSimulation.Policy.SCORER, 1.0, 7,
				WaitlistSimulation.Levers.NONE);
		WaitlistSimulation.Outcome checkIns = simulation.run(WaitlistSimulation.Policy.SCORER, 1.0, 7,
				new WaitlistSimulation.Levers(2, 7));
		WaitlistSimulation.Outcome shortWindow = simulation.run(WaitlistSimulation.Policy.SCORER, 1.0, 7,
				new WaitlistSimulation.Levers(0, 2));

		assertThat(checkIns.arrivals()).isEqualTo(today.arrivals()).isEqualTo(shortWindow.arrivals()).isPositive();
		assertThat(checkIns.waits()).isNotEmpty();
		assertThat(shortWindow.waits()).isNotEmpty();
	}

	@Test
	void anotherSeedDrawsAnotherNetworkAndOtherArrivals() {
		WaitlistSimulation simulation = new WaitlistSimulation(this.shortRun);

		assertThat(simulation.run(WaitlistSimulation.Policy.FIFO_FIRST_FIT, 1.0, 1, WaitlistSimulation.Levers.NONE)
			.arrivals()).isNotEqualTo(
					simulation.run(WaitlistSimulation.Policy.FIFO_FIRST_FIT, 1.0, 2, WaitlistSimulation.Levers.NONE)
						.arrivals());
	}

	@Test
	void aShortOfferWindowMeansSeveralOfferRoundsAWeek() {
		assertThat(WaitlistSimulation.Levers.NONE.roundsPerWeek()).isEqualTo(1);
		assertThat(new WaitlistSimulation.Levers(0, 2).roundsPerWeek()).isEqualTo(4);
		assertThat(new WaitlistSimulation.Levers(0, 3).roundsPerWeek()).isEqualTo(2);
	}

	@Test
	void confidenceIntervalIsStudentsTOnTheSeeds() {
		assertThat(Simulator.mean(new double[] { 1, 2, 3 })).isEqualTo(2.0);
		assertThat(Simulator.halfWidth(new double[] { 1, 2, 3 })).isCloseTo(4.303 / Math.sqrt(3),
				org.assertj.core.data.Offset.offset(0.001));
	}

}

package ca.aiguillage.matching.bench;

import java.nio.file.Path;

/**
 * The simulator's parameters cut down to a short run, for tests of the real simulation.
 */
final class ShortRuns {

	private ShortRuns() {
	}

	/**
	 * Eight measured weeks after four of warm-up, a backlog of 100, 1,500 referrals a
	 * year.
	 */
	static SimulationParameters parameters() {
		return SimulationParameters.read(Path.of("simulation.properties"))
			.with("warmup-weeks", "4")
			.with("weeks", "8")
			.with("initial-backlog", "100")
			.with("referrals-per-year", "1500");
	}

}

package ca.aiguillage.matching.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ca.aiguillage.matching.proposal.Candidate;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;

/** The benchmarks' inputs, drawn from the simulation defaults with a fixed seed. */
final class Workloads {

	static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

	private Workloads() {
	}

	/**
	 * The parameter file: {@code -Dsim.file}, else
	 * {@code matching-bench/simulation.properties} or {@code simulation.properties} from
	 * the working directory, else the copy in the jar.
	 */
	static SimulationParameters defaults() {
		for (String candidate : new String[] { System.getProperty("sim.file", ""),
				"matching-bench/simulation.properties", "simulation.properties" }) {
			if (!candidate.isEmpty() && Path.of(candidate).toFile().exists()) {
				return SimulationParameters.read(Path.of(candidate));
			}
		}
		return SimulationParameters.fromClasspath();
	}

	/**
	 * A directory of therapists, each with the given free places (all regular or low-fee
	 * as drawn).
	 */
	static Roster roster(int therapists, int places, long seed) {
		Population population = new Population(defaults(), seed);
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < therapists; i++) {
			candidates.add(population.therapist(String.format("t-%05d", i), places, places / 2));
		}
		return new Roster(candidates, Population.organizations()::reaches, Map.of());
	}

	/** Waiting referrals registered over the past year. */
	static List<ReferralNeeds> referrals(int count, long seed) {
		Population population = new Population(defaults(), seed);
		List<ReferralNeeds> referrals = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant registered = NOW.minusSeconds((long) (population.uniform() * 365 * 24 * 3600));
			referrals.add(population.client("r-" + i, registered).needs());
		}
		referrals.sort(java.util.Comparator.comparing(ReferralNeeds::registeredAt));
		return referrals;
	}

}

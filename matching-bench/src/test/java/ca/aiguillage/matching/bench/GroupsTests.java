package ca.aiguillage.matching.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ca.aiguillage.matching.bench.Groups.Dimension;
import ca.aiguillage.matching.bench.Groups.Figures;
import ca.aiguillage.matching.bench.Groups.Group;
import ca.aiguillage.matching.bench.Groups.Profile;
import ca.aiguillage.matching.bench.Groups.Referrer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Group figures and their comparison with FIFO first-fit, on inputs whose answer is
 * known.
 */
class GroupsTests {

	private static final Group SPANISH = new Group(Dimension.LANGUAGE, "es");

	private static final Profile LOW_FEE = new Profile("fr", true, Referrer.CLSC, "Montréal");

	private static final Profile REGULAR_FEE = new Profile("es", false, Referrer.SELF, "Laval");

	@Test
	void eachGroupCountsItsReferralsThoseStartedWithinTheTargetAndItsMedianWait() {
		Map<Group, Figures> figures = Groups.measure(List.of(LOW_FEE, LOW_FEE, LOW_FEE, REGULAR_FEE),
				Arrays.asList(10, 61, null, 30), 60);

		assertThat(figures.get(new Group(Dimension.FEE_BAND, Groups.LOW_FEE))).isEqualTo(new Figures(3, 1, 61));
		assertThat(figures.get(new Group(Dimension.REFERRER, "CLSC"))).isEqualTo(new Figures(3, 1, 61));
		assertThat(figures.get(new Group(Dimension.REGION, "Laval"))).isEqualTo(new Figures(1, 1, 30));
		assertThat(figures.get(SPANISH).share()).isEqualTo(1.0);
		assertThat(figures.get(new Group(Dimension.REFERRER, "self-referral")).arrivals()).isEqualTo(1);
	}

	@Test
	void feeBandGapIsTheLowFeeShareWithinTheTargetMinusTheOthersInPoints() {
		// Low fee: 1 of 4 within 60 days (25 %); the others: 2 of 2 (100 %).
		Map<Group, Figures> figures = Groups.measure(
				List.of(LOW_FEE, LOW_FEE, LOW_FEE, LOW_FEE, REGULAR_FEE, REGULAR_FEE),
				Arrays.asList(10, 90, null, null, 5, 60), 60);

		assertThat(Groups.feeBandGap(figures)).isCloseTo(-75.0, offset(1e-9));
	}

	@Test
	void feeBandGapIsUnknownWhenOneBandHasNoReferral() {
		assertThat(Groups.feeBandGap(Groups.measure(List.of(LOW_FEE), Arrays.asList(10), 60))).isNaN();
	}

	@Test
	void groupDifferenceIsPairedBySeedWithItsStudentInterval() {
		// Differences by seed: -20, -20, -30 points: mean -23.3, sd 5.77, t(2) 4.303.
		Groups.Comparison comparison = Groups.compare(SPANISH, shares(30, 40, 40), shares(50, 60, 70), 50);

		assertThat(comparison.difference()).isCloseTo(-23.333, offset(0.001));
		assertThat(comparison.halfWidth()).isCloseTo(4.303 * 5.7735 / Math.sqrt(3), offset(0.01));
		assertThat(comparison.share()).isCloseTo(36.667, offset(0.001));
		assertThat(comparison.fifoShare()).isCloseTo(60.0, offset(0.001));
		assertThat(comparison.arrivals()).isEqualTo(100.0);
		assertThat(comparison.worseThanFifo()).isTrue();
	}

	@Test
	void aSmallLossOnEverySeedIsFlaggedThoughTheSeedsDifferWidely() {
		// Unpaired, 48 ± 37 % against 50 ± 37 % would say nothing; paired, -2 points on
		// every seed is a loss.
		Groups.Comparison comparison = Groups.compare(SPANISH, shares(18, 48, 78), shares(20, 50, 80), 50);

		assertThat(comparison.difference()).isCloseTo(-2.0, offset(1e-9));
		assertThat(comparison.halfWidth()).isCloseTo(0.0, offset(1e-9));
		assertThat(comparison.worseThanFifo()).isTrue();
	}

	@Test
	void aLossWhoseIntervalReachesFifoIsNotFlagged() {
		// Differences -10, -20, 0: mean -10, interval -34.8 to +14.8.
		Groups.Comparison comparison = Groups.compare(SPANISH, shares(40, 40, 70), shares(50, 60, 70), 50);

		assertThat(comparison.difference()).isCloseTo(-10.0, offset(1e-9));
		assertThat(comparison.halfWidth()).isCloseTo(24.84, offset(0.01));
		assertThat(comparison.worseThanFifo()).isFalse();
	}

	@Test
	void aGainIsNotFlagged() {
		assertThat(Groups.compare(SPANISH, shares(50, 60, 70), shares(30, 40, 40), 50).worseThanFifo()).isFalse();
	}

	@Test
	void aGroupTooSmallIsReportedWithItsSizeAndNeverFlagged() {
		Groups.Comparison comparison = Groups.compare(SPANISH, shares(30, 40, 40), shares(50, 60, 70), 101);

		assertThat(comparison.tooSmall()).isTrue();
		assertThat(comparison.arrivals()).isEqualTo(100.0);
		assertThat(comparison.difference()).isCloseTo(-23.333, offset(0.001));
		assertThat(comparison.worseThanFifo()).isFalse();
	}

	@Test
	void aSeedWhereTheGroupHasNoReferralIsLeftOutOfThePairs() {
		List<Map<Group, Figures>> variant = List.of(Map.of(SPANISH, new Figures(100, 30, 20)), Map.of(),
				Map.of(SPANISH, new Figures(100, 40, 20)), Map.of(SPANISH, new Figures(100, 40, 20)));
		List<Map<Group, Figures>> fifo = List.of(Map.of(SPANISH, new Figures(100, 50, 10)), Map.of(),
				Map.of(SPANISH, new Figures(100, 60, 10)), Map.of(SPANISH, new Figures(100, 70, 10)));

		Groups.Comparison comparison = Groups.compare(SPANISH, variant, fifo, 50);

		assertThat(comparison.difference()).isCloseTo(-23.333, offset(0.001));
		assertThat(comparison.arrivals()).isEqualTo(75.0);
		assertThat(comparison.medianWait()).isEqualTo(20.0);
		assertThat(comparison.fifoMedianWait()).isEqualTo(10.0);
	}

	@Test
	void groupsAreListedByDimensionTheLargestFirst() {
		Map<Group, Figures> run = Groups.measure(List.of(REGULAR_FEE, LOW_FEE, LOW_FEE), Arrays.asList(1, 2, 3), 60);

		assertThat(Groups.all(List.of(run))).containsExactly(new Group(Dimension.LANGUAGE, "fr"), SPANISH,
				new Group(Dimension.FEE_BAND, Groups.LOW_FEE), new Group(Dimension.FEE_BAND, Groups.REGULAR_FEE),
				new Group(Dimension.REFERRER, "CLSC"), new Group(Dimension.REFERRER, "self-referral"),
				new Group(Dimension.REGION, "Montréal"), new Group(Dimension.REGION, "Laval"));
	}

	@Test
	void everySimulatedReferralBelongsToOneGroupOfEachDimension() {
		SimulationParameters shortRun = ShortRuns.parameters();

		WaitlistSimulation.Outcome outcome = new WaitlistSimulation(shortRun)
			.run(WaitlistSimulation.Policy.FIFO_FIRST_FIT, 1.0);

		for (Dimension dimension : Dimension.values()) {
			assertThat(outcome.groups()
				.entrySet()
				.stream()
				.filter(entry -> entry.getKey().dimension() == dimension)
				.mapToInt(entry -> entry.getValue().arrivals())
				.sum()).as(dimension.label).isEqualTo(outcome.arrivals()).isPositive();
		}
		assertThat(outcome.groups().keySet()).extracting(Group::name)
			.contains("self-referral", "CLSC", "Montréal", "Laval", Groups.LOW_FEE, Groups.REGULAR_FEE);
	}

	@Test
	void referrerTypesAndRegionsFollowTheirSharesInTheParameters() {
		SimulationParameters parameters = SimulationParameters.read(Path.of("simulation.properties"));
		Population population = new Population(parameters, 42);
		int draws = 20_000;
		Map<Referrer, Integer> referrers = new java.util.EnumMap<>(Referrer.class);
		Map<String, Integer> regions = new java.util.HashMap<>();
		for (int i = 0; i < draws; i++) {
			Profile profile = population.client("c-" + i, java.time.Instant.EPOCH).profile();
			referrers.merge(profile.referrer(), 1, Integer::sum);
			regions.merge(profile.region(), 1, Integer::sum);
		}

		// Self-referral 35 %, CLSC 20 %, hospital 8 %, community groups 10 %; Montreal 70
		// %,
		// Outaouais 7 %: a 1.5-point tolerance is over four standard errors at 20,000
		// draws.
		assertThat(100.0 * referrers.get(Referrer.SELF) / draws).isCloseTo(35, offset(1.5));
		assertThat(100.0 * referrers.get(Referrer.CLSC) / draws).isCloseTo(20, offset(1.5));
		assertThat(100.0 * referrers.get(Referrer.HOSPITAL) / draws).isCloseTo(8, offset(1.5));
		assertThat(100.0 * referrers.get(Referrer.COMMUNITY_GROUP) / draws).isCloseTo(10, offset(1.5));
		assertThat(100.0 * regions.get("Montréal") / draws).isCloseTo(70, offset(1.5));
		assertThat(100.0 * regions.get("Outaouais") / draws).isCloseTo(7, offset(1.5));
	}

	/** One run per seed for the Spanish-speaking group, 100 referrals each. */
	private static List<Map<Group, Figures>> shares(int... withinPerHundred) {
		return Arrays.stream(withinPerHundred)
			.mapToObj(within -> Map.of(SPANISH, new Figures(100, within, 30)))
			.toList();
	}

}

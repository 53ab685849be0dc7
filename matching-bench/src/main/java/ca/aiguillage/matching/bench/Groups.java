package ca.aiguillage.matching.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The groups the goal names (language, fee band, referrer type, region), each
 * group's figures in one run, and a variant's groups compared with FIFO first-fit by seed
 * (issue 16: no group waits longer than under FIFO).
 */
final class Groups {

	static final String LOW_FEE = "low fee";

	static final String REGULAR_FEE = "regular fee";

	private Groups() {
	}

	enum Dimension {

		LANGUAGE("language"), FEE_BAND("fee band"), REFERRER("referrer type"), REGION("region");

		final String label;

		Dimension(String label) {
			this.label = label;
		}

	}

	/** Who referred a client. */
	enum Referrer {

		CLSC("clsc", "CLSC"), HOSPITAL("hospital", "hospital"), ACCESS_POINT("access-point", "access point"),
		FAMILY_MEDICINE_GROUP("family-medicine-group", "family-medicine group (GMF)"),
		COMMUNITY_GROUP("community-group", "community group"), SELF("self", "self-referral");

		final String code;

		final String label;

		Referrer(String code, String label) {
			this.code = code;
			this.label = label;
		}

		static Referrer of(String code) {
			for (Referrer referrer : values()) {
				if (referrer.code.equals(code)) {
					return referrer;
				}
			}
			throw new IllegalArgumentException("Unknown referrer type " + code);
		}

	}

	/** One group of one dimension, such as (language, es). */
	record Group(Dimension dimension, String name) {
	}

	/**
	 * What sets a client's groups.
	 *
	 * @param language the preferred language (ISO code)
	 * @param lowFee whether the client's fee needs a low-fee place
	 * @param referrer who referred the client
	 * @param region where the client lives
	 */
	record Profile(String language, boolean lowFee, Referrer referrer, String region) {

		List<Group> groups() {
			return List.of(new Group(Dimension.LANGUAGE, this.language),
					new Group(Dimension.FEE_BAND, this.lowFee ? LOW_FEE : REGULAR_FEE),
					new Group(Dimension.REFERRER, this.referrer.label), new Group(Dimension.REGION, this.region));
		}

	}

	/**
	 * A group's figures in one run.
	 *
	 * @param arrivals referrals of the group registered in the measured year
	 * @param within those that started within the target
	 * @param medianWait median days to the first session of those who started (NaN: none)
	 */
	record Figures(int arrivals, int within, double medianWait) {

		/** Share started within the target; NaN for a group with no referral. */
		double share() {
			return (this.arrivals > 0) ? (double) this.within / this.arrivals : Double.NaN;
		}

	}

	/**
	 * Each group's figures from the measured referrals.
	 * @param profiles the measured referrals' profiles
	 * @param waits each one's days to the first session, null when it did not start
	 * @param targetDays the target (60 days)
	 */
	static Map<Group, Figures> measure(List<Profile> profiles, List<Integer> waits, int targetDays) {
		Map<Group, List<Integer>> started = new LinkedHashMap<>();
		Map<Group, Integer> arrivals = new LinkedHashMap<>();
		for (int i = 0; i < profiles.size(); i++) {
			Integer wait = waits.get(i);
			for (Group group : profiles.get(i).groups()) {
				arrivals.merge(group, 1, Integer::sum);
				List<Integer> waited = started.computeIfAbsent(group, key -> new ArrayList<>());
				if (wait != null) {
					waited.add(wait);
				}
			}
		}
		Map<Group, Figures> figures = new LinkedHashMap<>();
		arrivals.forEach((group, count) -> {
			List<Integer> waited = started.get(group);
			int within = (int) waited.stream().filter(days -> days <= targetDays).count();
			figures.put(group, new Figures(count, within, WaitlistSimulation.percentile(waited, 0.5)));
		});
		return figures;
	}

	/**
	 * Share started within the target of the low-fee band minus that of the others, in
	 * points; NaN when either band is empty.
	 */
	static double feeBandGap(Map<Group, Figures> figures) {
		Figures low = figures.get(new Group(Dimension.FEE_BAND, LOW_FEE));
		Figures regular = figures.get(new Group(Dimension.FEE_BAND, REGULAR_FEE));
		if (low == null || regular == null) {
			return Double.NaN;
		}
		return 100 * (low.share() - regular.share());
	}

	/**
	 * A group under a variant against FIFO first-fit, over the seeds.
	 *
	 * @param group the group
	 * @param arrivals its mean size per seed
	 * @param share mean share started within the target under the variant, in %
	 * @param fifoShare the same under FIFO first-fit
	 * @param difference mean of the per-seed differences, variant minus FIFO, in points
	 * @param halfWidth half-width of the difference's 95 % confidence interval
	 * @param medianWait mean over the seeds of the group's median wait under the variant
	 * @param fifoMedianWait the same under FIFO first-fit
	 * @param tooSmall whether the group is too small for a meaningful figure (never
	 * flagged)
	 */
	record Comparison(Group group, double arrivals, double share, double fifoShare, double difference, double halfWidth,
			double medianWait, double fifoMedianWait, boolean tooSmall) {

		/** The whole 95 % interval of the difference lies below FIFO's share. */
		boolean worseThanFifo() {
			return !this.tooSmall && this.difference + this.halfWidth < 0;
		}

	}

	/**
	 * Compares a group under a variant with FIFO first-fit, paired by seed: both lists
	 * hold one run's group figures per seed, in the same seed order. A seed where the
	 * group has no referral is left out of the pairs.
	 */
	static Comparison compare(Group group, List<Map<Group, Figures>> variant, List<Map<Group, Figures>> fifo,
			double minArrivals) {
		if (variant.size() != fifo.size()) {
			throw new IllegalArgumentException("Runs must be paired by seed");
		}
		List<Double> differences = new ArrayList<>();
		List<Double> shares = new ArrayList<>();
		List<Double> fifoShares = new ArrayList<>();
		List<Double> medians = new ArrayList<>();
		List<Double> fifoMedians = new ArrayList<>();
		double arrivals = 0;
		for (int seed = 0; seed < variant.size(); seed++) {
			Figures mine = variant.get(seed).get(group);
			Figures theirs = fifo.get(seed).get(group);
			arrivals += (mine != null) ? mine.arrivals() : 0;
			if (mine == null || theirs == null || mine.arrivals() == 0 || theirs.arrivals() == 0) {
				continue;
			}
			shares.add(mine.share());
			fifoShares.add(theirs.share());
			differences.add(mine.share() - theirs.share());
			addIfKnown(medians, mine.medianWait());
			addIfKnown(fifoMedians, theirs.medianWait());
		}
		double meanArrivals = variant.isEmpty() ? 0 : arrivals / variant.size();
		double[] paired = differences.stream().mapToDouble(Double::doubleValue).toArray();
		double halfWidth = 100 * Simulator.halfWidth(paired);
		boolean tooSmall = meanArrivals < minArrivals || Double.isNaN(halfWidth);
		return new Comparison(group, meanArrivals, 100 * meanOf(shares), 100 * meanOf(fifoShares),
				100 * meanOf(differences), halfWidth, meanOf(medians), meanOf(fifoMedians), tooSmall);
	}

	/**
	 * Every group seen in the runs, by dimension, the largest first within a dimension.
	 */
	static List<Group> all(List<Map<Group, Figures>> runs) {
		Set<Group> seen = new LinkedHashSet<>();
		runs.forEach(run -> seen.addAll(run.keySet()));
		Map<Group, Integer> sizes = new java.util.HashMap<>();
		runs.forEach(run -> run.forEach((group, figures) -> sizes.merge(group, figures.arrivals(), Integer::sum)));
		Map<Dimension, List<Group>> byDimension = new EnumMap<>(Dimension.class);
		seen.forEach(group -> byDimension.computeIfAbsent(group.dimension(), key -> new ArrayList<>()).add(group));
		List<Group> ordered = new ArrayList<>();
		byDimension.values().forEach(groups -> {
			groups.sort(Comparator.comparing((Group group) -> -sizes.get(group)).thenComparing(Group::name));
			ordered.addAll(groups);
		});
		return ordered;
	}

	private static void addIfKnown(List<Double> values, double value) {
		if (!Double.isNaN(value)) {
			values.add(value);
		}
	}

	private static double meanOf(List<Double> values) {
		return values.isEmpty() ? Double.NaN
				: values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
	}

}

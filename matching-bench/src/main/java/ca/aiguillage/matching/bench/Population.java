package ca.aiguillage.matching.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.matching.network.Organization;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.matching.proposal.Candidate;
import ca.aiguillage.matching.proposal.ReferralNeeds;

/**
 * Draws synthetic therapists and referrals for a Montreal-sized network from the
 * simulation parameters (whose defaults and sources are in
 * {@code simulation.properties}).
 */
final class Population {

	private static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
			DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

	private static final int[][] HOURS = { { 9, 12 }, { 13, 16 }, { 17, 20 } };

	private static final Approach[] APPROACHES = { Approach.COGNITIVE_BEHAVIOURAL, Approach.HUMANISTIC_EXISTENTIAL,
			Approach.PSYCHODYNAMIC, Approach.SYSTEMIC, Approach.INTEGRATIVE };

	private static final Priority[] PRIORITIES = Priority.values();

	/**
	 * The organizations of the synthetic network, their sites spread over the four
	 * regions.
	 */
	static final List<Organization> ORGANIZATIONS = List.of(
			new Organization("sim-01", "Centre-Sud", "H2L", List.of("H1", "H2", "H3", "H4", "H8", "H9")),
			new Organization("sim-02", "Montréal-Nord", "H1G", List.of("H1", "H2")),
			new Organization("sim-03", "Côte-des-Neiges", "H3S", List.of("H2", "H3", "H4")),
			new Organization("sim-04", "Verdun", "H4G", List.of("H3", "H4", "H8")),
			new Organization("sim-05", "Saint-Laurent", "H4L", List.of("H4", "H8", "H9")),
			new Organization("sim-06", "Rosemont", "H1X", List.of("H1", "H2")),
			new Organization("sim-07", "Ouest-de-l'Île", "H9R", List.of("H8", "H9")),
			new Organization("sim-08", "Laval", "H7N", List.of("H7")),
			new Organization("sim-09", "Laval-Est", "H7E", List.of("H7", "J7")),
			new Organization("sim-10", "Basses-Laurentides", "J7E", List.of("J7", "J0R")),
			new Organization("sim-11", "Gatineau", "J8T", List.of("J8", "J9", "J0X")),
			new Organization("sim-12", "Hull", "J8X", List.of("J8", "J9")));

	private final SimulationParameters p;

	private final Random random;

	private final List<String> fsas;

	private final List<Double> fsaWeights;

	Population(SimulationParameters parameters, long seed) {
		this.p = parameters;
		this.random = new Random(seed);
		this.fsas = new ArrayList<>();
		this.fsaWeights = new ArrayList<>();
		Map<String, Double> regions = Map.of("Montréal", parameters.regionMontreal(), "Laval", parameters.regionLaval(),
				"Laurentides", parameters.regionLaurentides(), "Outaouais", parameters.regionOutaouais());
		for (Organization organization : ORGANIZATIONS) {
			for (String prefix : organization.serviceArea()) {
				if (!this.fsas.contains(prefix)) {
					this.fsas.add(prefix);
				}
			}
		}
		// A region's share is split between its postal prefixes: each region keeps its
		// share.
		Map<String, Long> prefixes = this.fsas.stream()
			.collect(
					java.util.stream.Collectors.groupingBy(Population::region, java.util.stream.Collectors.counting()));
		for (String prefix : this.fsas) {
			this.fsaWeights.add(regions.get(region(prefix)) / prefixes.get(region(prefix)));
		}
	}

	private static final Organizations SHIPPED = Organizations.shipped();

	static Organizations organizations() {
		return new Organizations(ORGANIZATIONS, SHIPPED.centroids());
	}

	Candidate therapist(String id, int places, int lowFeePlaces) {
		String organization = ORGANIZATIONS.get(this.random.nextInt(ORGANIZATIONS.size())).id();
		List<String> languages = new ArrayList<>(List.of("fr"));
		if (chance(this.p.therapistEnglish())) {
			languages.add("en");
		}
		if (chance(this.p.therapistThirdLanguage())) {
			languages.add(pick(this.p.therapistThirdLanguages()));
		}
		List<Approach> approaches = new ArrayList<>(List.of(APPROACHES[pickIndex(this.p.approachMix())]));
		if (chance(this.p.secondApproach())) {
			Approach second = APPROACHES[pickIndex(this.p.approachMix())];
			if (!approaches.contains(second)) {
				approaches.add(second);
			}
		}
		List<Clientele> clienteles = new ArrayList<>(List.of(Clientele.ADULT));
		if (chance(this.p.therapistAdolescents())) {
			clienteles.add(Clientele.ADOLESCENT);
		}
		if (approaches.contains(Approach.SYSTEMIC) || chance(this.p.therapistCouplesFamilies())) {
			clienteles.addAll(List.of(Clientele.COUPLE, Clientele.FAMILY));
		}
		double modality = this.random.nextDouble();
		List<Modality> modalities = (modality < this.p.therapistBothModalities())
				? List.of(Modality.IN_PERSON, Modality.VIDEO)
				: (modality < this.p.therapistBothModalities() + this.p.therapistInPersonOnly())
						? List.of(Modality.IN_PERSON) : List.of(Modality.VIDEO);
		return new Candidate(id, organization, null, true, languages, approaches, clienteles, modalities,
				availability(2 + this.random.nextInt(3)), places, places - lowFeePlaces, lowFeePlaces);
	}

	/** The fields of a referral drawn now; its arrival time is set by the caller. */
	Client client(String id, Instant registeredAt) {
		String primary = pick(this.p.clientLanguages());
		List<String> languages = new ArrayList<>(List.of(primary));
		if (primary.equals("fr") && chance(this.p.frenchAlsoEnglish())) {
			languages.add("en");
		}
		else if (primary.equals("en") && chance(this.p.englishAlsoFrench())) {
			languages.add("fr");
		}
		else if (!primary.equals("fr") && !primary.equals("en") && chance(this.p.otherAcceptsOfficial())) {
			languages.add(chance(this.p.otherAcceptsFrenchShare()) ? "fr" : "en");
		}
		Clientele clientele = Clientele.values()[pickIndex(this.p.clienteleMix())];
		List<Approach> wanted = List.of();
		boolean required = false;
		if (chance(this.p.clientApproachPreference())) {
			wanted = List.of(APPROACHES[pickIndex(this.p.approachMix())]);
			required = chance(this.p.clientApproachRequired());
		}
		double modality = this.random.nextDouble();
		Modality asked = (modality < this.p.clientInPersonOnly()) ? Modality.IN_PERSON
				: (modality < this.p.clientInPersonOnly() + this.p.clientVideoOnly()) ? Modality.VIDEO
						: Modality.EITHER;
		String fsa = this.fsas.get(pickIndex(this.fsaWeights.stream().mapToDouble(Double::doubleValue).toArray()));
		List<String> areas = SHIPPED.fsasStartingWith(fsa);
		String postal = areas.isEmpty() ? fsa : areas.get(this.random.nextInt(areas.size()));
		Integer maxKm = chance(this.p.clientSetsDistance()) ? this.p.clientMaxTravelKm() : null;
		Priority priority = PRIORITIES[pickIndex(this.p.priorityMix())];
		String partner = chance(this.p.referredByPartner()) ? "partner-" + this.random.nextInt(20) : null;
		ReferralNeeds needs = new ReferralNeeds(id, null, partner, languages, clientele, wanted, required, asked,
				availability(2 + this.random.nextInt(2)), priority, postal, chance(this.p.clientLowFee()), maxKm,
				registeredAt, Set.of());
		long seed = this.random.nextLong();
		Groups.Referrer referrer = (partner != null) ? partnerType(seed) : Groups.Referrer.SELF;
		return new Client(needs, !primary.equals("fr"), seed,
				new Groups.Profile(primary, needs.lowFee(), referrer, region(fsa)));
	}

	/**
	 * The partner's type, drawn from a stream of the client's own seed apart from the
	 * population's, so that every other draw stays as it was before referrer types were
	 * modelled.
	 */
	private Groups.Referrer partnerType(long seed) {
		Map<String, Double> shares = this.p.weights("partner-referrer-types");
		double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
		double draw = new SplittableRandom(seed ^ 0x5EEDL).nextDouble() * total;
		for (Map.Entry<String, Double> entry : shares.entrySet()) {
			draw -= entry.getValue();
			if (draw <= 0) {
				return Groups.Referrer.of(entry.getKey());
			}
		}
		return Groups.Referrer.of(shares.keySet().iterator().next());
	}

	/** The region of a postal prefix, as the organizations' service areas split them. */
	static String region(String prefix) {
		if (prefix.startsWith("H7")) {
			return "Laval";
		}
		if (prefix.startsWith("J7") || prefix.startsWith("J0R")) {
			return "Laurentides";
		}
		if (prefix.startsWith("J8") || prefix.startsWith("J9") || prefix.startsWith("J0X")) {
			return "Outaouais";
		}
		return "Montréal";
	}

	private List<WeeklySlot> availability(int ranges) {
		List<DayOfWeek> days = new ArrayList<>(WEEKDAYS);
		java.util.Collections.shuffle(days, this.random);
		List<WeeklySlot> slots = new ArrayList<>();
		for (DayOfWeek day : days.subList(0, ranges).stream().sorted().toList()) {
			int[] hours = HOURS[this.random.nextInt(HOURS.length)];
			slots.add(new WeeklySlot(day, LocalTime.of(hours[0], 0), LocalTime.of(hours[1], 0)));
		}
		return slots;
	}

	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	double uniform() {
		return this.random.nextDouble();
	}

	double gaussian() {
		return this.random.nextGaussian();
	}

	int poisson(double mean) {
		// Knuth for small means, normal approximation above.
		if (mean > 30) {
			return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * this.random.nextGaussian()));
		}
		double limit = Math.exp(-mean);
		double product = this.random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= this.random.nextDouble();
			count++;
		}
		return count;
	}

	private String pick(Map<String, Double> weights) {
		double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
		double draw = this.random.nextDouble() * total;
		for (Map.Entry<String, Double> entry : weights.entrySet()) {
			draw -= entry.getValue();
			if (draw <= 0) {
				return entry.getKey();
			}
		}
		return weights.keySet().iterator().next();
	}

	private int pickIndex(double[] weights) {
		double total = 0;
		for (double weight : weights) {
			total += weight;
		}
		double draw = this.random.nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			draw -= weights[i];
			if (draw <= 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	/**
	 * A synthetic client: the referral, whether their language is not French (for the
	 * language gap), a seed for their own draws (declines, reachability), the same under
	 * every policy, and the groups they belong to.
	 */
	record Client(ReferralNeeds needs, boolean otherThanFrench, long seed, Groups.Profile profile) {
	}

}

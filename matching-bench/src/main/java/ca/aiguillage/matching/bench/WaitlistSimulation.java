package ca.aiguillage.matching.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.matching.proposal.BatchAssignment;
import ca.aiguillage.matching.proposal.Candidate;
import ca.aiguillage.matching.proposal.MatchingWeights;
import ca.aiguillage.matching.proposal.ProposalPolicy;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;

/**
 * One synthetic year of a network's waitlist, week by week, under one placement policy:
 * referrals arrive (seasonal Poisson), free places are offered with the real policy code,
 * clients accept, decline, do not show or can no longer be reached, and therapies end
 * after a drawn length. The same seed gives every policy the same therapists, the same
 * arrivals and the same client draws.
 * <p>
 * Over 300 lines on purpose: the week's steps (arrivals, offers, answers, endings) share
 * the simulation's state and random streams, and reading them in order is how the model
 * is checked against its sourced assumptions; split, the order of the draws would be
 * hidden.
 */
final class WaitlistSimulation {

	private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

	/** Weeks simulated after the measured year, so that its last arrivals can start. */
	private static final int TAIL_WEEKS = 9;

	private static final int TARGET_DAYS = 60;

	/**
	 * Share of referrals that reach a first session, used to size 100 % capacity. [D] §5,
	 * §6
	 */
	private static final double REACHING_THERAPY = 0.75;

	enum Policy {

		FIFO_FIRST_FIT("FIFO first-fit"), SCORER("scorer"), BATCH_OPTIMIZER("batch optimizer"),
		CLAIRVOYANT("clairvoyant bound");

		final String label;

		Policy(String label) {
			this.label = label;
		}

	}

	/**
	 * What one run measured, over the referrals registered in the measured year.
	 *
	 * @param policy the placement policy that ran
	 * @param capacity capacity as a share of demand
	 * @param arrivals referrals registered
	 * @param withinTarget share that started within 60 days
	 * @param medianWait median days from registration to first session, of those who
	 * started
	 * @param p90Wait 90th percentile of the same
	 * @param languageGap share within 60 days of French-speaking clients minus that of
	 * the others, in points
	 * @param languageGapDays median wait of the others minus that of French-speaking
	 * clients
	 * @param waits every started client's wait, in days, for the chart
	 * @param feeBandGap share within 60 days of low-fee clients minus that of the others,
	 * in points
	 * @param groups each group's figures (language, fee band, referrer type, region)
	 */
	record Outcome(Policy policy, double capacity, int arrivals, double withinTarget, double medianWait, double p90Wait,
			double languageGap, double languageGapDays, int[] waits, double feeBandGap,
			Map<Groups.Group, Groups.Figures> groups) {
	}

	/**
	 * The access levers a run pulls, each off in {@link #NONE}.
	 *
	 * @param checkInWeeks weeks between two "still available?" check-ins of a waiting
	 * client (0: none); a client who answers is offered a place before those who did not
	 * @param offerWindowDays days a client has to answer an offer (7: a week, today)
	 * @param home whether each referral is held by an organization serving its postal
	 * area and proposed only its therapists (false: any organization's, as a network-wide
	 * referral)
	 * @param videoPool whether, with {@code home}, every organization lends its video
	 * places to clients whose own organization has no free place in their language
	 */
	record Levers(int checkInWeeks, int offerWindowDays, boolean home, boolean videoPool) {

		static final Levers NONE = new Levers(0, 7);

		Levers(int checkInWeeks, int offerWindowDays) {
			this(checkInWeeks, offerWindowDays, false, false);
		}

		/**
		 * The same levers, referrals held by their home organization, with or without the
		 * pool.
		 */
		Levers atHome(boolean withVideoPool) {
			return new Levers(this.checkInWeeks, this.offerWindowDays, true, withVideoPool);
		}

		/** Offer rounds a week: a place not taken within the window goes to the next. */
		int roundsPerWeek() {
			return Math.max(1, (int) Math.round(7.0 / this.offerWindowDays));
		}

	}

	private final SimulationParameters p;

	private final ProposalPolicy policy;

	private final BatchAssignment batch;

	private final Organizations organizations = Population.organizations();

	WaitlistSimulation(SimulationParameters parameters) {
		this.p = parameters;
		Map<String, Double> weights = parameters.weights("weights");
		this.policy = new ProposalPolicy(new MatchingWeights(weights.get("approach"), weights.get("load"),
				weights.get("priority"), weights.get("aging"), weights.get("continuity")));
		this.batch = new BatchAssignment(this.policy);
	}

	/** Therapists whose places turn over into the starts the referrals call for. */
	int therapistsAtFullCapacity() {
		int set = this.p.integer("therapists-at-full-capacity");
		if (set > 0) {
			return set;
		}
		Random random = new Random(1);
		double weeks = 0;
		int draws = 200_000;
		for (int i = 0; i < draws; i++) {
			weeks += therapyWeeks(random) + this.p.integer("offer-weeks");
		}
		double placesNeeded = this.p.number("referrals-per-year") * REACHING_THERAPY * (weeks / draws) / 52.0;
		return (int) Math.round(placesNeeded / this.p.integer("places-per-therapist"));
	}

	Outcome run(Policy chosen, double capacity) {
		return run(chosen, capacity, this.p.integer("seed"), Levers.NONE);
	}

	/** One run of a policy at a capacity, on a network and arrivals drawn from a seed. */
	Outcome run(Policy chosen, double capacity, long seed, Levers levers) {
		// Therapists and clients draw from separate streams, so that every capacity level
		// sees the same referrals.
		Population staff = new Population(this.p, seed);
		Population population = new Population(this.p, seed + 1);
		int places = this.p.integer("places-per-therapist");
		int lowFee = this.p.integer("low-fee-places-per-therapist");
		int therapists = (int) Math.round(therapistsAtFullCapacity() * capacity);
		List<Candidate> roster = new ArrayList<>();
		for (int i = 0; i < therapists; i++) {
			roster.add(staff.therapist(String.format("t-%04d", i), places, lowFee));
		}
		int warmup = this.p.integer("warmup-weeks");
		int measured = this.p.integer("weeks");
		int total = warmup + measured + TAIL_WEEKS;
		List<Waiting> clients = new ArrayList<>();
		double lambda = this.p.number("unreachable-lambda-days");
		int backlog = this.p.integer("initial-backlog");
		for (int i = 0; i < backlog; i++) {
			Instant registered = START.minus(Duration.ofHours((long) (population.uniform() * 120 * 24)));
			clients.add(new Waiting(population.client("b-" + i, registered), -1, lambda));
		}
		double weekly = this.p.number("referrals-per-year") / 52.0;
		double[] seasons = this.p.numbers("seasonality");
		for (int week = 0; week < total; week++) {
			Instant monday = START.plus(Duration.ofDays(7L * week));
			int month = monday.atZone(ZoneOffset.UTC).getMonthValue() - 1;
			int arrivals = population.poisson(weekly * seasons[month]);
			for (int i = 0; i < arrivals; i++) {
				Instant registered = monday.plus(Duration.ofMinutes((long) (population.uniform() * 7 * 24 * 60)));
				clients.add(new Waiting(population.client("r-" + week + "-" + i, registered), week, lambda));
			}
		}
		clients.sort(Comparator.comparing(client -> client.client.needs().registeredAt()));
		if (levers.home()) {
			clients.forEach(client -> client.needs = client.needs.heldBy(home(client.needs)));
		}
		return new Run(chosen, levers, capacity, roster, clients, warmup, measured, total).play();
	}

	/**
	 * The organization a referral is sent to: one serving its postal area, spread evenly
	 * by referral id, any organization when none serves it. [A] Drawn apart from the
	 * seeded streams, so that every other draw stays as it was.
	 */
	private String home(ReferralNeeds needs) {
		List<String> serving = this.organizations.all()
			.stream()
			.filter(organization -> organization.serves(needs.postalPrefix().toUpperCase(java.util.Locale.ROOT)))
			.map(ca.aiguillage.matching.network.Organization::id)
			.toList();
		List<String> among = serving.isEmpty()
				? this.organizations.all().stream().map(ca.aiguillage.matching.network.Organization::id).toList()
				: serving;
		return among.get(Math.floorMod(needs.referralId().hashCode(), among.size()));
	}

	int therapyWeeks(Random random) {
		int sessions;
		if (random.nextDouble() < this.p.number("early-dropout")) {
			sessions = 1 + random.nextInt(3);
		}
		else {
			double draw = Math.exp(Math.log(this.p.number("sessions-median"))
					+ this.p.number("sessions-sigma") * random.nextGaussian());
			sessions = (int) Math.max(1, Math.min(150, Math.round(draw)));
		}
		return (int) Math.ceil(sessions * this.p.number("weeks-per-session"));
	}

	/** A client of the simulation and where they stand. */
	private static final class Waiting {

		final Population.Client client;

		/** The week of registration (-1 for the initial backlog). */
		final int week;

		final Random draws;

		ReferralNeeds needs;

		/**
		 * Days after registration from which the client no longer answers or no longer
		 * wants therapy: exponential, so that p(w) = 1 - exp(-w / lambda) at any wait.
		 */
		final double unreachableAfterDays;

		/** -1 waiting, else the week of the first session; -2 left without starting. */
		int startedWeek = -1;

		boolean left;

		/** The week of the client's last "yes, still available", or of registration. */
		int confirmedWeek;

		/** Check-ins in a row the client did not answer. */
		int unanswered;

		/** The week the client was set aside for the coordinator. */
		int setAsideWeek = -1;

		Waiting(Population.Client client, int week, double lambdaDays) {
			this.client = client;
			this.week = week;
			this.draws = new Random(client.seed());
			this.needs = client.needs();
			this.unreachableAfterDays = -lambdaDays * Math.log(1 - this.draws.nextDouble());
			this.confirmedWeek = week;
		}

		/** Asked twice without an answer: set aside for the coordinator. */
		boolean setAside() {
			return this.unanswered >= 2;
		}

		boolean waiting() {
			return this.startedWeek < 0 && !this.left;
		}

	}

	/** An offer waiting for the client's answer. */
	private record Offer(Waiting client, int therapist, boolean lowFee, int answerRound) {
	}

	/** A place held by a client in therapy until a week. */
	private record Held(int therapist, boolean lowFee, int untilWeek) {
	}

	private final class Run {

		private final Policy chosen;

		private final Levers levers;

		/**
		 * Every organization of the network, all lending video places when the pool is
		 * on.
		 */
		private final java.util.Set<String> pool = WaitlistSimulation.this.organizations.all()
			.stream()
			.map(ca.aiguillage.matching.network.Organization::id)
			.collect(java.util.stream.Collectors.toSet());

		private final int rounds;

		private final double capacity;

		private final List<Candidate> therapists;

		private final List<Waiting> clients;

		private final int warmup;

		private final int measured;

		private final int total;

		private final int[] freeRegular;

		private final int[] freeLow;

		private final List<Offer> offers = new ArrayList<>();

		private final List<Held> held = new ArrayList<>();

		private int arrived;

		Run(Policy chosen, Levers levers, double capacity, List<Candidate> therapists, List<Waiting> clients,
				int warmup, int measured, int total) {
			this.chosen = chosen;
			this.levers = levers;
			this.rounds = levers.roundsPerWeek();
			this.capacity = capacity;
			this.therapists = therapists;
			this.clients = clients;
			this.warmup = warmup;
			this.measured = measured;
			this.total = total;
			this.freeRegular = therapists.stream().mapToInt(Candidate::freeRegularPlaces).toArray();
			this.freeLow = therapists.stream().mapToInt(Candidate::freeLowFeePlaces).toArray();
		}

		Outcome play() {
			for (int week = 0; week < this.total; week++) {
				endTherapies(week);
				checkIn(week);
				for (int round = week * this.rounds; round < (week + 1) * this.rounds; round++) {
					answerOffers(round);
					List<Waiting> waiting = arrivedAndWaiting(week);
					List<Waiting> setAside = new ArrayList<>();
					waiting.removeIf(client -> client.setAside() && setAside.add(client));
					// Those who said they are still available are offered first; the
					// places
					// left go to those the coordinator has yet to reach.
					if (!waiting.isEmpty()) {
						assign(week, round, waiting);
					}
					if (!setAside.isEmpty()) {
						assign(week, round, setAside);
					}
				}
			}
			return measure();
		}

		private void endTherapies(int week) {
			this.held.removeIf(place -> {
				if (place.untilWeek() > week) {
					return false;
				}
				free(place.therapist(), place.lowFee());
				return true;
			});
		}

		/**
		 * Asks every client waiting since the last check-in whether they are still
		 * available; one who does not answer is asked again the next week, then set aside
		 * for the coordinator (still offered a place, after the others), who calls within
		 * some weeks and closes the referral of one who cannot be reached. One who can no
		 * longer be reached never answers.
		 */
		private void checkIn(int week) {
			int every = this.levers.checkInWeeks();
			if (every <= 0) {
				return;
			}
			Instant end = monday(week + 1);
			double answers = WaitlistSimulation.this.p.number("check-in-answer");
			int coordinatorWeeks = WaitlistSimulation.this.p.integer("coordinator-call-weeks");
			for (Waiting client : this.clients) {
				if (client.needs.registeredAt().isAfter(end)) {
					break;
				}
				if (!client.waiting() || offered(client)) {
					continue;
				}
				boolean reachable = waitedDays(client, week) < client.unreachableAfterDays;
				if (client.setAside()) {
					// The coordinator's call: one who can be reached is back among the
					// confirmed, one who cannot is closed with its reason.
					if (week - client.setAsideWeek >= coordinatorWeeks) {
						client.unanswered = 0;
						client.confirmedWeek = week;
						client.left = !reachable;
					}
					continue;
				}
				if (client.unanswered == 0 && week - client.confirmedWeek < every) {
					continue;
				}
				if (reachable && client.draws.nextDouble() < answers) {
					client.confirmedWeek = week;
					client.unanswered = 0;
				}
				else if (++client.unanswered == 2) {
					client.setAsideWeek = week;
				}
			}
		}

		private void answerOffers(int round) {
			this.offers.removeIf(offer -> {
				if (offer.answerRound() > round) {
					return false;
				}
				int week = Math.ceilDiv(round, this.rounds);
				Answer answer = answer(offer.client(), week);
				if (answer != Answer.UNREACHABLE && this.rounds > 1
						&& offer.client().draws.nextDouble() < WaitlistSimulation.this.p.number("offer-window-miss")) {
					// Answers after a short window closed: the place goes to the next
					// client and this one keeps waiting.
					free(offer.therapist(), offer.lowFee());
					return true;
				}
				if (answer == Answer.ACCEPTS) {
					start(offer.client(), offer.therapist(), offer.lowFee(), week);
				}
				else {
					free(offer.therapist(), offer.lowFee());
					if (answer == Answer.DECLINES) {
						offer.client().needs = offer.client().needs
							.declining(this.therapists.get(offer.therapist()).therapistId());
					}
					else {
						offer.client().left = true;
					}
				}
				return true;
			});
		}

		private void start(Waiting client, int therapist, boolean lowFee, int week) {
			client.startedWeek = week;
			this.held.add(new Held(therapist, lowFee, week + therapyWeeks(client.draws)));
		}

		/** The client's answer to an offer, drawn from their own random numbers. */
		private Answer answer(Waiting client, int week) {
			double multiplier = client.client.otherThanFrench()
					? WaitlistSimulation.this.p.number("allophone-multiplier") : 1.0;
			double u2 = client.draws.nextDouble();
			double u3 = client.draws.nextDouble();
			if (waitedDays(client, week) >= client.unreachableAfterDays) {
				return Answer.UNREACHABLE;
			}
			if (u2 < WaitlistSimulation.this.p.number("decline") * multiplier) {
				return Answer.DECLINES;
			}
			if (u3 < WaitlistSimulation.this.p.number("no-show") * multiplier) {
				return Answer.NO_SHOW;
			}
			return Answer.ACCEPTS;
		}

		private double waitedDays(Waiting client, int week) {
			return Math.max(0, Duration.between(client.needs.registeredAt(), monday(week)).toHours() / 24.0);
		}

		private List<Waiting> arrivedAndWaiting(int week) {
			Instant end = monday(week + 1);
			List<Waiting> waiting = new ArrayList<>();
			for (Waiting client : this.clients) {
				if (client.needs.registeredAt().isAfter(end)) {
					break;
				}
				if (client.waiting() && !offered(client)) {
					waiting.add(client);
				}
			}
			return waiting;
		}

		private boolean offered(Waiting client) {
			for (Offer offer : this.offers) {
				if (offer.client() == client) {
					return true;
				}
			}
			return false;
		}

		private void assign(int week, int round, List<Waiting> waiting) {
			Instant now = monday(week + 1);
			// An offer is answered when its window closes: a week (the offer lead time)
			// or
			// the next round of a shorter window.
			int answerRound = (this.rounds == 1) ? round + WaitlistSimulation.this.p.integer("offer-weeks") : round + 1;
			if (this.chosen == Policy.CLAIRVOYANT) {
				// Knows every answer before offering: those who would not come never take
				// a
				// place, and a place is never held a week for a no.
				int answerWeek = Math.ceilDiv(answerRound, this.rounds);
				List<Waiting> coming = new ArrayList<>();
				for (Waiting client : waiting) {
					Answer answer = answer(client, answerWeek);
					if (answer == Answer.UNREACHABLE || answer == Answer.NO_SHOW) {
						client.left = true;
					}
					else if (answer == Answer.ACCEPTS) {
						coming.add(client);
					}
				}
				waiting = coming;
				if (waiting.isEmpty()) {
					return;
				}
			}
			Roster roster = roster();
			List<ReferralNeeds> needs = waiting.stream().map(client -> client.needs).toList();
			int[] therapistOf = switch (this.chosen) {
				case FIFO_FIRST_FIT -> WaitlistSimulation.this.batch.firstFit(needs, roster, now).therapistOf();
				case SCORER -> scorer(needs, roster, now);
				case BATCH_OPTIMIZER, CLAIRVOYANT ->
					WaitlistSimulation.this.batch.optimal(needs, roster, now).therapistOf();
			};
			for (int r = 0; r < waiting.size(); r++) {
				int therapist = therapistOf[r];
				if (therapist < 0) {
					continue;
				}
				Waiting client = waiting.get(r);
				boolean lowFee = client.needs.lowFee();
				if (this.chosen == Policy.CLAIRVOYANT) {
					take(therapist, lowFee);
					start(client, therapist, lowFee, Math.ceilDiv(answerRound, this.rounds));
					continue;
				}
				take(therapist, lowFee);
				this.offers.add(new Offer(client, therapist, lowFee, answerRound));
			}
		}

		/**
		 * The service's own re-matching: each therapist with a free place gives it to the
		 * waiting referral that scores highest with them, one place at a time.
		 */
		private int[] scorer(List<ReferralNeeds> needs, Roster roster, Instant now) {
			List<ProposalPolicy.Request> requests = needs.stream()
				.map(referral -> WaitlistSimulation.this.policy.request(referral, roster, now))
				.toList();
			int[] therapistOf = new int[needs.size()];
			Arrays.fill(therapistOf, -1);
			int[] regular = this.freeRegular.clone();
			int[] low = this.freeLow.clone();
			for (int c = 0; c < this.therapists.size(); c++) {
				while (regular[c] + low[c] > 0) {
					int best = -1;
					double bestScore = 0;
					for (int r = 0; r < requests.size(); r++) {
						boolean lowFee = needs.get(r).lowFee();
						if (therapistOf[r] >= 0 || (lowFee ? low[c] : regular[c]) <= 0 || !requests.get(r).fits(c)) {
							continue;
						}
						double score = requests.get(r).score(c);
						if (best < 0 || score > bestScore) {
							best = r;
							bestScore = score;
						}
					}
					if (best < 0) {
						break;
					}
					therapistOf[best] = c;
					if (needs.get(best).lowFee()) {
						low[c]--;
					}
					else {
						regular[c]--;
					}
				}
			}
			return therapistOf;
		}

		private Roster roster() {
			List<Candidate> current = new ArrayList<>(this.therapists.size());
			for (int c = 0; c < this.therapists.size(); c++) {
				Candidate base = this.therapists.get(c);
				current.add(new Candidate(base.therapistId(), base.organizationId(), null, true, base.languages(),
						base.approaches(), base.clienteles(), base.modalities(), base.openAvailability(), base.places(),
						this.freeRegular[c], this.freeLow[c]));
			}
			return new Roster(current, WaitlistSimulation.this.organizations::reaches, java.util.Map.of(),
					this.levers.videoPool() ? this.pool : java.util.Set.of());
		}

		private void take(int therapist, boolean lowFee) {
			if (lowFee) {
				this.freeLow[therapist]--;
			}
			else {
				this.freeRegular[therapist]--;
			}
		}

		private void free(int therapist, boolean lowFee) {
			if (lowFee) {
				this.freeLow[therapist]++;
			}
			else {
				this.freeRegular[therapist]++;
			}
		}

		private Outcome measure() {
			List<Integer> waits = new ArrayList<>();
			int within = 0;
			int frenchArrived = 0;
			int frenchWithin = 0;
			int otherArrived = 0;
			int otherWithin = 0;
			List<Integer> frenchWaits = new ArrayList<>();
			List<Integer> otherWaits = new ArrayList<>();
			List<Groups.Profile> profiles = new ArrayList<>();
			List<Integer> everyWait = new ArrayList<>();
			for (Waiting client : this.clients) {
				if (client.week < this.warmup || client.week >= this.warmup + this.measured) {
					continue;
				}
				this.arrived++;
				profiles.add(client.client.profile());
				everyWait.add(null);
				boolean other = client.client.otherThanFrench();
				if (other) {
					otherArrived++;
				}
				else {
					frenchArrived++;
				}
				if (client.startedWeek < 0) {
					continue;
				}
				int days = (int) Math.max(0,
						Duration.between(client.client.needs().registeredAt(), monday(client.startedWeek)).toDays());
				waits.add(days);
				everyWait.set(everyWait.size() - 1, days);
				(other ? otherWaits : frenchWaits).add(days);
				if (days <= TARGET_DAYS) {
					within++;
					if (other) {
						otherWithin++;
					}
					else {
						frenchWithin++;
					}
				}
			}
			double frenchShare = (frenchArrived > 0) ? (double) frenchWithin / frenchArrived : 0;
			double otherShare = (otherArrived > 0) ? (double) otherWithin / otherArrived : 0;
			Map<Groups.Group, Groups.Figures> groups = Groups.measure(profiles, everyWait, TARGET_DAYS);
			return new Outcome(this.chosen, this.capacity, this.arrived, (double) within / Math.max(1, this.arrived),
					percentile(waits, 0.5), percentile(waits, 0.9), 100 * (frenchShare - otherShare),
					percentile(otherWaits, 0.5) - percentile(frenchWaits, 0.5),
					waits.stream().mapToInt(Integer::intValue).toArray(), Groups.feeBandGap(groups), groups);
		}

	}

	private enum Answer {

		ACCEPTS, DECLINES, NO_SHOW, UNREACHABLE

	}

	static Instant monday(int week) {
		return START.plus(Duration.ofDays(7L * week));
	}

	static double percentile(List<Integer> values, double rank) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(rank * (sorted.length - 1) + 0.5))];
	}

}

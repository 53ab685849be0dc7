package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.jgrapht.Graph;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Assigns many free places to many waiting referrals at once, with the policy's own hard
 * constraints and scores. Three ways, so that they can be compared on the same input:
 * first-fit in arrival order (the baseline), the scorer in arrival order (each referral
 * takes its best-scoring place), and the optimizer: a min-cost flow (JGraphT's capacity
 * scaling) that maximizes the total score. The flow network is pruned first: only pairs
 * that meet every hard constraint, and of those, each therapist's best-scoring referrals
 * plus the scorer's own assignment, so that the optimum found is never below the scorer's
 * total. Plain Java: the service, the benchmarks and the simulator run it as is.
 */
public final class BatchAssignment {

	/**
	 * Per free place, how many of a therapist's best-scoring referrals stay in the
	 * network.
	 */
	private static final int KEPT_PER_PLACE = 4;

	private static final int KEPT_AT_LEAST = 8;

	private final ProposalPolicy policy;

	/** Of the last optimization: nanoseconds pruning, nanoseconds solving, pairs kept. */
	private volatile long[] lastTimings = new long[3];

	public BatchAssignment(ProposalPolicy policy) {
		this.policy = policy;
	}

	/** Of the last optimization: nanoseconds pruning, nanoseconds solving, pairs kept. */
	public long[] lastTimings() {
		return this.lastTimings.clone();
	}

	/** Each referral, in the order given, takes the first candidate that fits. */
	public Result firstFit(List<ReferralNeeds> waiting, Roster roster, Instant now) {
		return sequential(waiting, roster, now, false);
	}

	/** Each referral, in the order given, takes the best-scoring candidate that fits. */
	public Result greedy(List<ReferralNeeds> waiting, Roster roster, Instant now) {
		return sequential(waiting, roster, now, true);
	}

	private Result sequential(List<ReferralNeeds> waiting, Roster roster, Instant now, boolean best) {
		Capacity capacity = new Capacity(roster);
		int[] assigned = new int[waiting.size()];
		Arrays.fill(assigned, -1);
		double total = 0;
		int candidates = roster.candidates.size();
		for (int r = 0; r < waiting.size() && capacity.left > 0; r++) {
			ProposalPolicy.Request request = this.policy.request(waiting.get(r), roster, now);
			boolean lowFee = request.needs.lowFee();
			int chosen = -1;
			double chosenScore = 0;
			for (int c = 0; c < candidates; c++) {
				if (!capacity.has(c, lowFee) || !request.fits(c)) {
					continue;
				}
				double score = request.score(c);
				if (chosen < 0 || ProposalPolicy.better(score, roster.candidates.get(c), chosenScore,
						roster.candidates.get(chosen))) {
					chosen = c;
					chosenScore = score;
				}
				if (!best) {
					break;
				}
			}
			if (chosen >= 0) {
				capacity.take(chosen, lowFee);
				assigned[r] = chosen;
				total += chosenScore;
			}
		}
		return new Result(assigned, total);
	}

	/**
	 * The assignment of the largest total score (among the pruned pairs, which include
	 * the scorer's).
	 */
	public Result optimal(List<ReferralNeeds> waiting, Roster roster, Instant now) {
		long started = System.nanoTime();
		List<Pair> pairs = prune(waiting, roster, now);
		long pruned = System.nanoTime();
		Result result = minCostFlow(waiting, roster, pairs);
		this.lastTimings = new long[] { pruned - started, System.nanoTime() - pruned, pairs.size() };
		return result;
	}

	/**
	 * The pairs the optimizer chooses from: those that meet every hard constraint, of
	 * them each candidate's best-scoring referrals, plus the scorer's own assignment.
	 */
	public List<Pair> prune(List<ReferralNeeds> waiting, Roster roster, Instant now) {
		Result greedy = greedy(waiting, roster, now);
		int candidates = roster.candidates.size();
		// Per candidate, its best-scoring fitting referrals: a bounded min-heap of pairs.
		List<PriorityQueue<Pair>> best = new ArrayList<>(candidates);
		int[] kept = new int[candidates];
		for (int c = 0; c < candidates; c++) {
			best.add(new PriorityQueue<>());
			kept[c] = Math.max(KEPT_AT_LEAST, KEPT_PER_PLACE * roster.candidates.get(c).freePlaces());
		}
		List<Pair> pairs = new ArrayList<>();
		for (int r = 0; r < waiting.size(); r++) {
			ProposalPolicy.Request request = this.policy.request(waiting.get(r), roster, now);
			for (int c = 0; c < candidates; c++) {
				if (!request.fits(c)) {
					continue;
				}
				double score = request.score(c);
				if (greedy.therapistOf[r] == c) {
					pairs.add(new Pair(r, c, score));
					continue;
				}
				PriorityQueue<Pair> heap = best.get(c);
				if (heap.size() < kept[c]) {
					heap.add(new Pair(r, c, score));
				}
				else if (score > heap.peek().score) {
					heap.poll();
					heap.add(new Pair(r, c, score));
				}
			}
		}
		best.forEach(pairs::addAll);
		return pairs;
	}

	/**
	 * The assignment of the largest total score among the given pairs, by a min-cost flow
	 * (JGraphT's capacity scaling).
	 */
	public static Result minCostFlow(List<ReferralNeeds> waiting, Roster roster, List<Pair> pairs) {
		// Vertices: source, sink, one per referral with a pair, one per candidate and
		// kind of place.
		Graph<Integer, DefaultWeightedEdge> graph = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
		Map<DefaultWeightedEdge, Integer> capacities = new HashMap<>();
		Map<DefaultWeightedEdge, Pair> arcs = new HashMap<>();
		int source = -1;
		int sink = -2;
		graph.addVertex(source);
		graph.addVertex(sink);
		int referralBase = 0;
		int placeBase = waiting.size();
		int referrals = 0;
		for (Pair pair : pairs) {
			int referral = referralBase + pair.referral;
			if (graph.addVertex(referral)) {
				referrals++;
				arc(graph, capacities, source, referral, 1, 0);
			}
			boolean lowFee = waiting.get(pair.referral).lowFee();
			int place = placeBase + 2 * pair.candidate + (lowFee ? 1 : 0);
			if (graph.addVertex(place)) {
				Candidate candidate = roster.candidates.get(pair.candidate);
				arc(graph, capacities, place, sink, lowFee ? candidate.freeLowFeePlaces : candidate.freeRegularPlaces,
						0);
			}
			arcs.put(arc(graph, capacities, referral, place, 1, -pair.score), pair);
		}
		// Leaving a referral unassigned costs nothing: the flow may bypass.
		arc(graph, capacities, source, sink, referrals, 0);
		int supply = referrals;
		MinimumCostFlowProblem<Integer, DefaultWeightedEdge> problem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
				graph, vertex -> (vertex == source) ? supply : (vertex == sink) ? -supply : 0, capacities::get);
		MinimumCostFlowAlgorithm.MinimumCostFlow<DefaultWeightedEdge> flow = new CapacityScalingMinimumCostFlow<Integer, DefaultWeightedEdge>()
			.getMinimumCostFlow(problem);
		int[] assigned = new int[waiting.size()];
		Arrays.fill(assigned, -1);
		double total = 0;
		for (Map.Entry<DefaultWeightedEdge, Pair> entry : arcs.entrySet()) {
			if (flow.getFlow(entry.getKey()) > 0.5) {
				assigned[entry.getValue().referral] = entry.getValue().candidate;
				total += entry.getValue().score;
			}
		}
		return new Result(assigned, total);
	}

	private static DefaultWeightedEdge arc(Graph<Integer, DefaultWeightedEdge> graph,
			Map<DefaultWeightedEdge, Integer> capacities, int from, int to, int capacity, double cost) {
		DefaultWeightedEdge arc = graph.addEdge(from, to);
		graph.setEdgeWeight(arc, cost);
		capacities.put(arc, capacity);
		return arc;
	}

	/**
	 * A referral–candidate pair that meets every hard constraint, and its score.
	 *
	 * @param referral the referral's index in the waiting list
	 * @param candidate the candidate's index in the roster
	 * @param score the policy's score of the pair
	 */
	public record Pair(int referral, int candidate, double score) implements Comparable<Pair> {

		@Override
		public int compareTo(Pair other) {
			return Double.compare(this.score, other.score);
		}

	}

	/** Free places left per candidate and kind, during a sequential assignment. */
	private static final class Capacity {

		private final int[] regular;

		private final int[] lowFee;

		private int left;

		Capacity(Roster roster) {
			int size = roster.candidates.size();
			this.regular = new int[size];
			this.lowFee = new int[size];
			for (int c = 0; c < size; c++) {
				Candidate candidate = roster.candidates.get(c);
				this.regular[c] = candidate.freeRegularPlaces;
				this.lowFee[c] = candidate.freeLowFeePlaces;
				this.left += candidate.freePlaces();
			}
		}

		boolean has(int candidate, boolean low) {
			return (low ? this.lowFee[candidate] : this.regular[candidate]) > 0;
		}

		void take(int candidate, boolean low) {
			if (low) {
				this.lowFee[candidate]--;
			}
			else {
				this.regular[candidate]--;
			}
			this.left--;
		}

	}

	/**
	 * An assignment.
	 *
	 * @param therapistOf per referral (in the order given), the index of its candidate in
	 * the roster, or -1
	 * @param totalScore the sum of the assigned pairs' scores
	 */
	public record Result(int[] therapistOf, double totalScore) {

		public int placed() {
			return (int) Arrays.stream(this.therapistOf).filter(candidate -> candidate >= 0).count();
		}

	}

}

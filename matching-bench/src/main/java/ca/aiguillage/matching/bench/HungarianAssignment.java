package ca.aiguillage.matching.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.matching.proposal.BatchAssignment;
import ca.aiguillage.matching.proposal.Candidate;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.alg.matching.MaximumWeightBipartiteMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The Hungarian method on the optimizer's own pruned pairs, to compare with its min-cost
 * flow: each free place is a vertex of its own (one per place of each kind), each
 * referral with a pair another. Dense: JGraphT's Kuhn–Munkres on the complete bipartite
 * graph padded to equal sides. Sparse: JGraphT's maximum-weight bipartite matching (a
 * Hungarian-type primal–dual method) on the pairs only.
 */
final class HungarianAssignment {

	private HungarianAssignment() {
	}

	/**
	 * Kuhn–Munkres minimizes {@code top − score}; a dummy or forbidden pair costs
	 * {@code top}, as leaving both unassigned would, so the perfect matching found is a
	 * largest-score matching and not a largest-cardinality one.
	 */
	static BatchAssignment.Result dense(List<ReferralNeeds> waiting, Roster roster, List<BatchAssignment.Pair> pairs) {
		Sides sides = new Sides(waiting, roster, pairs);
		int n = Math.max(sides.referrals.size(), sides.places.size());
		double[][] scores = new double[n][n];
		boolean[][] allowed = new boolean[n][n];
		double top = 0;
		for (BatchAssignment.Pair pair : pairs) {
			int left = sides.referralIndex.get(pair.referral());
			for (int right : sides.placesOf(pair, waiting)) {
				scores[left][right] = pair.score();
				allowed[left][right] = true;
			}
			top = Math.max(top, pair.score());
		}
		Graph<Integer, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
		Set<Integer> left = new LinkedHashSet<>();
		Set<Integer> right = new LinkedHashSet<>();
		for (int i = 0; i < n; i++) {
			graph.addVertex(i);
			left.add(i);
			graph.addVertex(n + i);
			right.add(n + i);
		}
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				graph.setEdgeWeight(graph.addEdge(i, n + j), top - scores[i][j]);
			}
		}
		MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching = new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(
				graph, left, right)
			.getMatching();
		int[] assigned = new int[waiting.size()];
		Arrays.fill(assigned, -1);
		double total = 0;
		for (DefaultWeightedEdge edge : matching.getEdges()) {
			int i = Math.min(graph.getEdgeSource(edge), graph.getEdgeTarget(edge));
			int j = Math.max(graph.getEdgeSource(edge), graph.getEdgeTarget(edge)) - n;
			if (i < sides.referrals.size() && j < sides.places.size() && allowed[i][j]) {
				assigned[sides.referrals.get(i)] = sides.places.get(j);
				total += scores[i][j];
			}
		}
		return new BatchAssignment.Result(assigned, total);
	}

	/** The maximum-weight matching of the pairs, places expanded, without padding. */
	static BatchAssignment.Result sparse(List<ReferralNeeds> waiting, Roster roster, List<BatchAssignment.Pair> pairs) {
		Sides sides = new Sides(waiting, roster, pairs);
		int offset = sides.referrals.size();
		Graph<Integer, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
		Set<Integer> left = new LinkedHashSet<>();
		Set<Integer> right = new LinkedHashSet<>();
		for (int i = 0; i < sides.referrals.size(); i++) {
			graph.addVertex(i);
			left.add(i);
		}
		for (int j = 0; j < sides.places.size(); j++) {
			graph.addVertex(offset + j);
			right.add(offset + j);
		}
		Map<DefaultWeightedEdge, BatchAssignment.Pair> edges = new HashMap<>();
		for (BatchAssignment.Pair pair : pairs) {
			int i = sides.referralIndex.get(pair.referral());
			for (int j : sides.placesOf(pair, waiting)) {
				DefaultWeightedEdge edge = graph.addEdge(i, offset + j);
				graph.setEdgeWeight(edge, pair.score());
				edges.put(edge, pair);
			}
		}
		MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching = new MaximumWeightBipartiteMatching<>(graph,
				left, right)
			.getMatching();
		int[] assigned = new int[waiting.size()];
		Arrays.fill(assigned, -1);
		double total = 0;
		for (DefaultWeightedEdge edge : matching.getEdges()) {
			BatchAssignment.Pair pair = edges.get(edge);
			assigned[pair.referral()] = pair.candidate();
			total += pair.score();
		}
		return new BatchAssignment.Result(assigned, total);
	}

	/**
	 * Left: the referrals that have a pair. Right: one vertex per free place of each
	 * candidate and kind (regular, low-fee) that a pair asks for.
	 */
	private static final class Sides {

		final List<Integer> referrals = new ArrayList<>();

		final Map<Integer, Integer> referralIndex = new HashMap<>();

		/** Per right vertex, the candidate's index in the roster. */
		final List<Integer> places = new ArrayList<>();

		/**
		 * Per candidate and kind ({@code 2 × candidate + lowFee}), its right vertices.
		 */
		private final Map<Integer, int[]> placeIndex = new HashMap<>();

		Sides(List<ReferralNeeds> waiting, Roster roster, List<BatchAssignment.Pair> pairs) {
			for (BatchAssignment.Pair pair : pairs) {
				this.referralIndex.computeIfAbsent(pair.referral(), (referral) -> {
					this.referrals.add(referral);
					return this.referrals.size() - 1;
				});
				boolean lowFee = waiting.get(pair.referral()).lowFee();
				this.placeIndex.computeIfAbsent(kind(pair, lowFee), (kind) -> {
					Candidate candidate = roster.candidates().get(pair.candidate());
					int[] vertices = new int[lowFee ? candidate.freeLowFeePlaces() : candidate.freeRegularPlaces()];
					for (int k = 0; k < vertices.length; k++) {
						this.places.add(pair.candidate());
						vertices[k] = this.places.size() - 1;
					}
					return vertices;
				});
			}
		}

		int[] placesOf(BatchAssignment.Pair pair, List<ReferralNeeds> waiting) {
			return this.placeIndex.get(kind(pair, waiting.get(pair.referral()).lowFee()));
		}

		private static int kind(BatchAssignment.Pair pair, boolean lowFee) {
			return 2 * pair.candidate() + (lowFee ? 1 : 0);
		}

	}

}

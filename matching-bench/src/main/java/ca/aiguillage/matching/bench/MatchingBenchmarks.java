package ca.aiguillage.matching.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.matching.proposal.BatchAssignment;
import ca.aiguillage.matching.proposal.MatchingWeights;
import ca.aiguillage.matching.proposal.ProposalPolicy;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (a) one referral against 2,000 therapists: the policy's full scan and score against a
 * first-fit scan that stops at the first therapist who meets the hard constraints; (b) a
 * batch of 10,000 waiting referrals and 1,000 free places: the min-cost-flow optimizer
 * against greedy first-fit, the scorer in arrival order and, on the same pruning, the
 * sparse Hungarian-type matching of (c); (c) the optimizer's method chosen by
 * measurement: on the same pruned pairs, at sizes where the dense Hungarian method still
 * finishes, its min-cost flow against the Hungarian method (dense Kuhn–Munkres and sparse
 * maximum-weight matching), with first-fit as the baseline.
 */
public class MatchingBenchmarks {

	static final int THERAPISTS = 2_000;

	static final int BATCH_REFERRALS = 10_000;

	static final int BATCH_THERAPISTS = 500;

	static final int BATCH_PLACES_EACH = 2;

	/** The directory and a rotation of referrals for (a). */
	@State(Scope.Benchmark)
	public static class OneReferral {

		ProposalPolicy policy;

		Roster roster;

		ReferralNeeds[] referrals;

		int next;

		@Setup(Level.Trial)
		public void setUp() {
			this.policy = new ProposalPolicy(MatchingWeights.defaults());
			this.roster = Workloads.roster(THERAPISTS, 3, 11);
			this.referrals = Workloads.referrals(1024, 12).toArray(ReferralNeeds[]::new);
		}

		ReferralNeeds nextReferral() {
			this.next = (this.next + 1) & 1023;
			return this.referrals[this.next];
		}

	}

	/** The waiting list and the free places for (b). */
	@State(Scope.Benchmark)
	public static class Batch {

		BatchAssignment batch;

		Roster roster;

		List<ReferralNeeds> waiting;

		@Setup(Level.Trial)
		public void setUp() {
			this.batch = new BatchAssignment(new ProposalPolicy(MatchingWeights.defaults()));
			this.roster = Workloads.roster(BATCH_THERAPISTS, BATCH_PLACES_EACH, 21);
			this.waiting = Workloads.referrals(BATCH_REFERRALS, 22);
		}

	}

	/** One size of (c): its waiting list, its free places and their pruned pairs. */
	@State(Scope.Benchmark)
	public static class Methods {

		/**
		 * Waiting referrals; one free place per 10 of them, 2 per therapist. Not 10,000:
		 * the dense Hungarian method took over 30 s there.
		 */
		@Param({ "500", "2000", "5000" })
		public int waiting;

		BatchAssignment batch;

		Roster roster;

		List<ReferralNeeds> referrals;

		List<BatchAssignment.Pair> pairs;

		@Setup(Level.Trial)
		public void setUp() {
			this.batch = new BatchAssignment(new ProposalPolicy(MatchingWeights.defaults()));
			this.roster = Workloads.roster(this.waiting / 10 / BATCH_PLACES_EACH, BATCH_PLACES_EACH, 21);
			this.referrals = Workloads.referrals(this.waiting, 22);
			this.pairs = this.batch.prune(this.referrals, this.roster, Workloads.NOW);
		}

	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object oneReferralScorer(OneReferral state) {
		return state.policy.propose(state.nextReferral(), state.roster, Workloads.NOW);
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public int oneReferralFirstFit(OneReferral state) {
		ProposalPolicy.Request request = state.policy.request(state.nextReferral(), state.roster, Workloads.NOW);
		int size = state.roster.candidates().size();
		for (int i = 0; i < size; i++) {
			if (request.fits(i)) {
				return i;
			}
		}
		return -1;
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result batchFirstFit(Batch state) {
		return state.batch.firstFit(state.waiting, state.roster, Workloads.NOW);
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result batchScorer(Batch state) {
		return state.batch.greedy(state.waiting, state.roster, Workloads.NOW);
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result batchOptimizer(Batch state) {
		return state.batch.optimal(state.waiting, state.roster, Workloads.NOW);
	}

	/** The same pruning as the optimizer's, then the sparse Hungarian-type matching. */
	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result batchSparseHungarian(Batch state) {
		return HungarianAssignment.sparse(state.waiting, state.roster,
				state.batch.prune(state.waiting, state.roster, Workloads.NOW));
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result methodsFirstFit(Methods state) {
		return state.batch.firstFit(state.referrals, state.roster, Workloads.NOW);
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public List<BatchAssignment.Pair> methodsPruning(Methods state) {
		return state.batch.prune(state.referrals, state.roster, Workloads.NOW);
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result methodsMinCostFlow(Methods state) {
		return BatchAssignment.minCostFlow(state.referrals, state.roster, state.pairs);
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result methodsHungarian(Methods state) {
		return HungarianAssignment.dense(state.referrals, state.roster, state.pairs);
	}

	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public BatchAssignment.Result methodsSparseHungarian(Methods state) {
		return HungarianAssignment.sparse(state.referrals, state.roster, state.pairs);
	}

}

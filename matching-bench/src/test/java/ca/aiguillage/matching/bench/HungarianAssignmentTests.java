package ca.aiguillage.matching.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ca.aiguillage.matching.proposal.BatchAssignment;
import ca.aiguillage.matching.proposal.Candidate;
import ca.aiguillage.matching.proposal.MatchingWeights;
import ca.aiguillage.matching.proposal.ProposalPolicy;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A smoke test of (c): the smallest size only, so that {@code verify} stays short. */
class HungarianAssignmentTests {

	private final BatchAssignment batch = new BatchAssignment(new ProposalPolicy(MatchingWeights.defaults()));

	private final Roster roster = Workloads.roster(25, 2, 21);

	private final List<ReferralNeeds> waiting = Workloads.referrals(500, 22);

	private final List<BatchAssignment.Pair> pairs = this.batch.prune(this.waiting, this.roster, Workloads.NOW);

	@Test
	void hungarianMethodFindsTheSameTotalScoreAsTheMinCostFlowOnTheSamePairs() {
		BatchAssignment.Result flow = BatchAssignment.minCostFlow(this.waiting, this.roster, this.pairs);

		BatchAssignment.Result dense = HungarianAssignment.dense(this.waiting, this.roster, this.pairs);
		BatchAssignment.Result sparse = HungarianAssignment.sparse(this.waiting, this.roster, this.pairs);

		assertThat(flow.totalScore())
			.isGreaterThan(this.batch.firstFit(this.waiting, this.roster, Workloads.NOW).totalScore());
		assertThat(dense.totalScore()).isCloseTo(flow.totalScore(), within(1e-6));
		assertThat(sparse.totalScore()).isCloseTo(flow.totalScore(), within(1e-6));
	}

	@Test
	void hungarianMethodFillsNoPlaceTwice() {
		for (BatchAssignment.Result result : List.of(HungarianAssignment.dense(this.waiting, this.roster, this.pairs),
				HungarianAssignment.sparse(this.waiting, this.roster, this.pairs))) {
			int[] therapistOf = result.therapistOf();
			// Per candidate and kind of place (2 × candidate + low-fee): the referrals
			// given one.
			Map<Integer, Long> taken = IntStream.range(0, therapistOf.length)
				.filter(referral -> therapistOf[referral] >= 0)
				.boxed()
				.collect(Collectors.groupingBy(
						referral -> 2 * therapistOf[referral] + (this.waiting.get(referral).lowFee() ? 1 : 0),
						Collectors.counting()));

			assertThat(taken).isNotEmpty();
			taken.forEach((kind, count) -> {
				Candidate candidate = this.roster.candidates().get(kind / 2);
				assertThat(count).isLessThanOrEqualTo(
						(kind % 2 == 1) ? candidate.freeLowFeePlaces() : candidate.freeRegularPlaces());
			});
		}
	}

}

package ca.aiguillage.matching.proposal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchAssignmentTests {

	private static final Instant NOW = Instant.parse("2026-11-20T14:03:00Z");

	private final BatchAssignment batch = new BatchAssignment(new ProposalPolicy(MatchingWeights.defaults()));

	@Test
	void optimizerGivesTheOnlyFittingPlaceToTheReferralThatNeedsItWhereArrivalOrderWouldNot() {
		// The first referral fits both therapists, the second only the Spanish-speaking
		// one.
		Roster roster = Roster
			.of(List.of(therapist("t-es", List.of("fr", "es"), 1), therapist("t-fr", List.of("fr"), 1)));
		List<ReferralNeeds> waiting = List.of(referral("r-1", List.of("fr", "es"), Approach.INTEGRATIVE),
				referral("r-2", List.of("es"), Approach.COGNITIVE_BEHAVIOURAL));

		BatchAssignment.Result optimal = this.batch.optimal(waiting, roster, NOW);

		assertThat(optimal.placed()).isEqualTo(2);
		assertThat(optimal.therapistOf()).containsExactly(1, 0);
	}

	@RepeatedTest(5)
	void optimizerNeverScoresBelowTheScorerNorOverfillsAPlace() {
		Random random = new Random();
		List<Candidate> therapists = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			List<String> languages = random.nextInt(3) == 0 ? List.of("fr", "en") : List.of("fr", "es");
			therapists.add(therapist(String.format("t-%02d", i), languages, 1 + random.nextInt(3)));
		}
		Roster roster = Roster.of(therapists);
		List<ReferralNeeds> waiting = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			List<String> languages = List.of(List.of("fr"), List.of("en"), List.of("es"), List.of("fr", "en"))
				.get(random.nextInt(4));
			waiting.add(referral("r-" + i, languages, Approach.values()[random.nextInt(Approach.values().length)]));
		}

		BatchAssignment.Result greedy = this.batch.greedy(waiting, roster, NOW);
		BatchAssignment.Result optimal = this.batch.optimal(waiting, roster, NOW);

		assertThat(optimal.totalScore()).isGreaterThanOrEqualTo(greedy.totalScore() - 1e-9);
		Map<Integer, Integer> taken = new HashMap<>();
		for (int candidate : optimal.therapistOf()) {
			if (candidate >= 0) {
				taken.merge(candidate, 1, Integer::sum);
			}
		}
		taken.forEach((candidate, count) -> assertThat(count)
			.isLessThanOrEqualTo(therapists.get(candidate).freeRegularPlaces()));
	}

	private static Candidate therapist(String id, List<String> languages, int places) {
		return new Candidate(id, "org-laval", "Nadia", true, languages, List.of(Approach.COGNITIVE_BEHAVIOURAL),
				List.of(Clientele.ADULT), List.of(Modality.VIDEO),
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), places, places, 0);
	}

	private static ReferralNeeds referral(String id, List<String> languages, Approach wanted) {
		return new ReferralNeeds(id, null, null, languages, Clientele.ADULT, List.of(wanted), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				false, null, NOW, Set.of());
	}

}

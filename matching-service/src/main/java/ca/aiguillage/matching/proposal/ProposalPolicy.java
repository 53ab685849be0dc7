package ca.aiguillage.matching.proposal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Who may be proposed for a referral, and who should be. Hard constraints rule candidates
 * out; among those left, a weighted score picks one, and the choice carries its
 * explanation. When no one is left, the outcome names the constraints that ruled out the
 * most candidates first. Plain Java: a simulation replays it as it is.
 */
@Component
class ProposalPolicy {

	/** The length of one session: a common slot must hold at least one. */
	private static final Duration SESSION = Duration.ofMinutes(60);

	/**
	 * Tried in this order when the client accepts either modality: community sites first.
	 */
	private static final List<Modality> OFFERED_MODALITIES = List.of(Modality.IN_PERSON, Modality.VIDEO);

	private static final Map<Priority, Double> PRIORITY_VALUES = new EnumMap<>(
			Map.of(Priority.A, 1.0, Priority.B, 0.75, Priority.C, 0.5, Priority.D, 0.25, Priority.E, 0.0));

	private static final Comparator<WeeklySlot> WEEK_ORDER = Comparator.comparing(WeeklySlot::day)
		.thenComparing(WeeklySlot::start);

	/**
	 * A referral without a priority code is neither favoured nor held back: the middle
	 * value.
	 */
	private static final double NO_PRIORITY_VALUE = 0.5;

	private final MatchingWeights weights;

	ProposalPolicy(MatchingWeights weights) {
		this.weights = weights;
	}

	/**
	 * Chooses a therapist for a referral.
	 * @param needs what the referral asks for
	 * @param candidates the therapists of the directory
	 * @return the choice, or why there is none
	 */
	Outcome propose(ReferralNeeds needs, List<Candidate> candidates) {
		List<Candidate> active = candidates.stream().filter(Candidate::active).toList();
		// A referral sent to one organization is that organization's to place: the others
		// are not candidates.
		List<Candidate> examined = (needs.organizationId() == null) ? active
				: active.stream()
					.filter(candidate -> candidate.organizationId().equals(needs.organizationId()))
					.toList();
		if (examined.isEmpty()) {
			String reason = (needs.organizationId() != null && !active.isEmpty())
					? "NO_ACTIVE_THERAPIST_IN_TARGET_ORGANIZATION" : "NO_ACTIVE_THERAPIST";
			return new NoMatch(List.of(reason), 0);
		}
		List<Constraint> constraints = Constraint.applicableTo(needs);
		Map<Constraint, Integer> eliminated = new EnumMap<>(Constraint.class);
		List<Candidate> eligible = new ArrayList<>();
		for (Candidate candidate : examined) {
			List<Constraint> broken = constraints.stream()
				.filter(constraint -> !constraint.holds(needs, candidate))
				.toList();
			broken.forEach(constraint -> eliminated.merge(constraint, 1, Integer::sum));
			if (broken.isEmpty()) {
				eligible.add(candidate);
			}
		}
		if (eligible.isEmpty()) {
			List<String> reasons = eliminated.entrySet()
				.stream()
				.sorted(Map.Entry.<Constraint, Integer>comparingByValue()
					.reversed()
					.thenComparing(Map.Entry.comparingByKey()))
				.map(entry -> entry.getKey().failure)
				.toList();
			return new NoMatch(reasons, examined.size());
		}
		Scored best = eligible.stream()
			.map(candidate -> new Scored(candidate, score(needs, candidate)))
			.max(Comparator.comparingDouble(Scored::total)
				.thenComparingInt(scored -> scored.candidate().freePlaces())
				.thenComparing(scored -> scored.candidate().therapistId(), Comparator.reverseOrder()))
			.orElseThrow();
		List<String> met = new ArrayList<>(constraints.stream().map(Constraint::name).toList());
		if (needs.organizationId() != null) {
			met.add("TARGET_ORGANIZATION");
		}
		Candidate chosen = best.candidate();
		return new Choice(chosen, modality(needs, chosen).orElseThrow(),
				Objects.requireNonNull(firstCommonSlot(needs, chosen)),
				new ProposalMadeV1.Explanation(List.copyOf(met), best.parts(), best.total()));
	}

	/** Each part of the score, weighted, by name; the score is their sum. */
	private Map<String, Double> score(ReferralNeeds needs, Candidate candidate) {
		Map<String, Double> parts = new LinkedHashMap<>();
		boolean offersWantedApproach = needs.approaches().stream().anyMatch(candidate.approaches()::contains);
		parts.put("approach", offersWantedApproach ? this.weights.approach() : 0.0);
		parts.put("load", this.weights.load() * candidate.freePlaces() / candidate.places());
		Priority priority = needs.priority();
		parts.put("priority",
				this.weights.priority() * ((priority != null) ? PRIORITY_VALUES.get(priority) : NO_PRIORITY_VALUE));
		return parts;
	}

	private static Optional<Modality> modality(ReferralNeeds needs, Candidate candidate) {
		return OFFERED_MODALITIES.stream()
			.filter(candidate.modalities()::contains)
			.filter(needs.modality()::accepts)
			.findFirst();
	}

	/**
	 * The earliest session-long slot of the week inside both the client's and the
	 * therapist's hours.
	 */
	private static @Nullable WeeklySlot firstCommonSlot(ReferralNeeds needs, Candidate candidate) {
		WeeklySlot first = null;
		for (WeeklySlot wanted : needs.availability()) {
			for (WeeklySlot open : candidate.openAvailability()) {
				WeeklySlot slot = wanted.firstOverlap(open, SESSION);
				if (slot != null && (first == null || WEEK_ORDER.compare(slot, first) < 0)) {
					first = slot;
				}
			}
		}
		return first;
	}

	/** The hard constraints, in the order an explanation lists them. */
	enum Constraint {

		SHARED_LANGUAGE("NO_SHARED_LANGUAGE",
				(needs, candidate) -> needs.languages().stream().anyMatch(candidate.languages()::contains)),

		CLIENTELE("CLIENTELE_NOT_OFFERED", (needs, candidate) -> candidate.clienteles().contains(needs.clientele())),

		MODALITY("MODALITY_NOT_OFFERED", (needs, candidate) -> modality(needs, candidate).isPresent()),

		REQUIRED_APPROACH("REQUIRED_APPROACH_NOT_OFFERED",
				(needs, candidate) -> needs.approaches().isEmpty()
						|| needs.approaches().stream().anyMatch(candidate.approaches()::contains)),

		COMMON_SLOT("NO_COMMON_SLOT", (needs, candidate) -> firstCommonSlot(needs, candidate) != null),

		FREE_PLACE("NO_FREE_PLACE", (needs, candidate) -> candidate.freePlaces() > 0);

		/**
		 * The reason code when no candidate is left and this constraint ruled some out.
		 */
		final String failure;

		private final BiPredicate<ReferralNeeds, Candidate> rule;

		Constraint(String failure, BiPredicate<ReferralNeeds, Candidate> rule) {
			this.failure = failure;
			this.rule = rule;
		}

		boolean holds(ReferralNeeds needs, Candidate candidate) {
			return this.rule.test(needs, candidate);
		}

		static List<Constraint> applicableTo(ReferralNeeds needs) {
			return List.of(values())
				.stream()
				.filter(constraint -> constraint != REQUIRED_APPROACH || needs.approachRequired())
				.toList();
		}

	}

	/** A candidate and the parts of its score. */
	private record Scored(Candidate candidate, Map<String, Double> parts) {

		double total() {
			return this.parts.values().stream().mapToDouble(Double::doubleValue).sum();
		}

	}

	/** What the policy decided for one referral. */
	sealed interface Outcome permits Choice, NoMatch {

	}

	/**
	 * A therapist to propose.
	 *
	 * @param therapist the chosen candidate
	 * @param modality the modality to offer
	 * @param slot the first weekly slot both can make
	 * @param explanation the constraints met and the score, part by part
	 */
	record Choice(Candidate therapist, Modality modality, WeeklySlot slot,
			ProposalMadeV1.Explanation explanation) implements Outcome {
	}

	/**
	 * No therapist fits now.
	 *
	 * @param reasons codes of the constraints that ruled candidates out, most candidates
	 * first
	 * @param candidatesExamined how many active therapists were examined
	 */
	record NoMatch(List<String> reasons, int candidatesExamined) implements Outcome {
	}

}

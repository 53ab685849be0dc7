package ca.aiguillage.matching.proposal;

import java.util.Comparator;
import java.util.List;

import ca.aiguillage.contracts.common.Modality;

/**
 * The hard constraints of {@link ProposalPolicy}, each written once as its code and its
 * predicate; the checks, the reasons of a no-match and the explanation of a choice are
 * derived from this one list.
 */
final class HardConstraints {

	/**
	 * The hard constraints, each once, in the order an explanation lists them: the checks
	 * a candidate must pass, the reasons of a no-match and the explanation of a choice
	 * are all read from here.
	 */
	static final List<Rule> IN_EXPLANATION_ORDER = List.of(
			new Rule(ProposalPolicy.Constraint.SHARED_LANGUAGE, 1,
					(request, candidate, index) -> !request.sharesLanguage(candidate), Rule.ALWAYS),
			new Rule(ProposalPolicy.Constraint.CLIENTELE, 2,
					(request, candidate, index) -> (candidate.clienteleMask & request.clienteleBit) == 0, Rule.ALWAYS),
			new Rule(ProposalPolicy.Constraint.MODALITY, 3,
					(request, candidate,
							index) -> request.modalityBroken(index, candidate) == ProposalPolicy.Constraint.MODALITY,
					Rule.ALWAYS),
			new Rule(ProposalPolicy.Constraint.WITHIN_REACH, 4,
					(request, candidate,
							index) -> request.modalityBroken(index,
									candidate) == ProposalPolicy.Constraint.WITHIN_REACH,
					(request, offered) -> offered == Modality.IN_PERSON),
			new Rule(ProposalPolicy.Constraint.REQUIRED_APPROACH, 5,
					(request, candidate, index) -> request.needs.approachRequired()
							&& (candidate.approachMask & request.approachMask) == 0,
					(request, offered) -> request.needs.approachRequired()),
			new Rule(ProposalPolicy.Constraint.COMMON_SLOT, 9,
					(request, candidate,
							index) -> WeekMinutes.firstCommonStart(request.wanted, candidate.open,
									ProposalPolicy.SESSION_MINUTES) < 0,
					Rule.ALWAYS),
			new Rule(ProposalPolicy.Constraint.FREE_PLACE, 6,
					(request, candidate, index) -> !request.needs.lowFee() && candidate.freeRegularPlaces <= 0,
					(request, offered) -> !request.needs.lowFee()),
			new Rule(ProposalPolicy.Constraint.LOW_FEE_PLACE, 7,
					(request, candidate, index) -> request.needs.lowFee() && candidate.freeLowFeePlaces <= 0,
					(request, offered) -> request.needs.lowFee()),
			new Rule(ProposalPolicy.Constraint.TARGET_ORGANIZATION, 0,
					(request, candidate,
							index) -> !candidate.active || (request.needs.organizationId() != null
									&& !request.needs.organizationId().equals(candidate.organizationId)
									&& !request.viaVideoPool(candidate)),
					(request, offered) -> request.needs.organizationId() != null),
			new Rule(ProposalPolicy.Constraint.NOT_DECLINED, 8,
					(request, candidate, index) -> !request.needs.declinedTherapists().isEmpty()
							&& request.needs.declinedTherapists().contains(candidate.therapistId),
					(request, offered) -> !request.needs.declinedTherapists().isEmpty()));

	/**
	 * The same constraints, the cheapest to check first, to rule a candidate out fast.
	 */
	static final List<Rule> CHEAPEST_FIRST = IN_EXPLANATION_ORDER.stream()
		.sorted(Comparator.comparingInt(Rule::cost))
		.toList();

	/**
	 * One hard constraint: its code, how costly it is to check, when a candidate breaks
	 * it, and when an explanation lists it as met.
	 *
	 * @param constraint the constraint's code
	 * @param cost the rank of its check, cheapest first
	 * @param breaks whether a candidate breaks it
	 * @param listed whether a fitting candidate's explanation lists it
	 */
	record Rule(ProposalPolicy.Constraint constraint, int cost, Breaks breaks, Listed listed) {

		static final Listed ALWAYS = (request, offered) -> true;

		/** Whether the candidate at this index breaks the constraint. */
		@FunctionalInterface
		interface Breaks {

			boolean test(ProposalPolicy.Request request, Candidate candidate, int index);

		}

		/** Whether a choice offering this modality lists the constraint as met. */
		@FunctionalInterface
		interface Listed {

			boolean test(ProposalPolicy.Request request, Modality offered);

		}

	}

	private HardConstraints() {
	}

}

package ca.aiguillage.matching.proposal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * most candidates first. Plain Java: the benchmarks and the simulator replay it as it is.
 * Over 300 lines on purpose: the compiled {@link Request} is the benchmarked hot loop and
 * reads the policy's weights directly; the constraints themselves live in
 * {@link HardConstraints}.
 */
@Component
public class ProposalPolicy {

	/** The length of one session, in minutes: a common slot must hold at least one. */
	static final int SESSION_MINUTES = 60;

	private static final int IN_PERSON = Bits.bit(Modality.IN_PERSON);

	private static final int VIDEO = Bits.bit(Modality.VIDEO);

	private static final Map<Priority, Double> PRIORITY_VALUES = new EnumMap<>(
			Map.of(Priority.A, 1.0, Priority.B, 0.75, Priority.C, 0.5, Priority.D, 0.25, Priority.E, 0.0));

	/**
	 * A referral without a priority code is neither favoured nor held back: the middle
	 * value.
	 */
	private static final double NO_PRIORITY_VALUE = 0.5;

	/**
	 * The code an explanation lists, instead of the target organization, for a place of
	 * the network's video pool.
	 */
	public static final String VIDEO_POOL = "VIDEO_POOL";

	/** The network's wait-time target: aging counts in units of it. */
	private static final double TARGET_DAYS = 60.0;

	/** Aging stops growing at twice the target, so that it never swamps fit. */
	private static final double MAX_AGING = 2.0;

	private final MatchingWeights weights;

	public ProposalPolicy(MatchingWeights weights) {
		this.weights = weights;
	}

	public MatchingWeights weights() {
		return this.weights;
	}

	/** Chooses among candidates whose sites are all within reach, with no wait yet. */
	public Outcome propose(ReferralNeeds needs, List<Candidate> candidates) {
		return propose(needs, Roster.of(candidates), needs.registeredAt());
	}

	/**
	 * Chooses a therapist for a referral.
	 * @param needs what the referral asks for
	 * @param roster the directory
	 * @param now the time of matching, for aging
	 * @return the choice, or why there is none
	 */
	public Outcome propose(ReferralNeeds needs, Roster roster, Instant now) {
		Request request = request(needs, roster, now);
		int best = -1;
		double bestScore = 0;
		List<Candidate> candidates = roster.candidates;
		for (int i = 0; i < candidates.size(); i++) {
			if (!request.fits(i)) {
				continue;
			}
			double score = request.score(i);
			if (best < 0 || better(score, candidates.get(i), bestScore, candidates.get(best))) {
				best = i;
				bestScore = score;
			}
		}
		return (best >= 0) ? request.choice(best) : request.noMatch();
	}

	/**
	 * Higher score first, then more free places, then the smaller id so that choices
	 * repeat.
	 */
	static boolean better(double score, Candidate candidate, double bestScore, Candidate best) {
		if (score != bestScore) {
			return score > bestScore;
		}
		if (candidate.freePlaces() != best.freePlaces()) {
			return candidate.freePlaces() > best.freePlaces();
		}
		return candidate.therapistId.compareTo(best.therapistId) < 0;
	}

	/**
	 * A referral compiled against a roster: what it needs as masks, and which
	 * organizations' sites it can reach; then any candidate is checked and scored without
	 * allocation.
	 */
	public Request request(ReferralNeeds needs, Roster roster, Instant now) {
		return new Request(needs, roster, now);
	}

	/** The hard constraints, in the order an explanation lists them. */
	public enum Constraint {

		/** Active and, when the referral names one, in the target organization. */
		TARGET_ORGANIZATION("NO_ACTIVE_THERAPIST_IN_TARGET_ORGANIZATION"),
		/** Speaks a language the client accepts. */
		SHARED_LANGUAGE("NO_SHARED_LANGUAGE"),
		/** Takes the clientele. */
		CLIENTELE("CLIENTELE_NOT_OFFERED"),
		/** Offers a modality the client accepts. */
		MODALITY("MODALITY_NOT_OFFERED"),
		/** For in-person only: the site is within the client's reach. */
		WITHIN_REACH("SITE_OUT_OF_REACH"),
		/** Offers the clinically required approach. */
		REQUIRED_APPROACH("REQUIRED_APPROACH_NOT_OFFERED"),
		/** Not a therapist the client declined. */
		NOT_DECLINED("ONLY_DECLINED_THERAPISTS_FIT"),
		/** A free place of the kind the client's fee needs. */
		FREE_PLACE("NO_FREE_PLACE"),
		/** A free low-fee place, when the client's fee needs one. */
		LOW_FEE_PLACE("NO_LOW_FEE_PLACE"),
		/** A session-long slot inside both availabilities. */
		COMMON_SLOT("NO_COMMON_SLOT");

		/**
		 * The reason code when no candidate is left and this constraint ruled some out.
		 */
		final String failure;

		Constraint(String failure) {
			this.failure = failure;
		}

	}

	/** A referral ready to be checked against every candidate of a roster. */
	public final class Request {

		final ReferralNeeds needs;

		final Roster roster;

		private final long languageMask;

		final int clienteleBit;

		final int approachMask;

		final int[] wanted;

		/** Per organization of the roster: 1 reachable, 0 not, -1 not computed yet. */
		private final byte[] reachable;

		private final double referralScore;

		private final double agingPart;

		private final double priorityPart;

		private final double confirmedAvailablePart;

		private final @Nullable String usualOrganization;

		/**
		 * Whether the home organization has no free place in the client's language, so
		 * that the network's video pool is open: 1 open, 0 not, -1 not computed yet.
		 */
		private byte videoPoolOpen = -1;

		Request(ReferralNeeds needs, Roster roster, Instant now) {
			this.needs = needs;
			this.roster = roster;
			this.languageMask = LanguageBits.mask(needs.languages());
			this.clienteleBit = Bits.bit(needs.clientele());
			this.approachMask = Bits.of(needs.approaches());
			this.wanted = WeekMinutes.of(needs.availability());
			this.reachable = new byte[roster.organizations.size()];
			java.util.Arrays.fill(this.reachable, (byte) -1);
			double days = Math.max(0, Duration.between(needs.registeredAt(), now).toHours() / 24.0);
			this.agingPart = ProposalPolicy.this.weights.aging() * Math.min(days / TARGET_DAYS, MAX_AGING);
			Priority priority = needs.priority();
			this.priorityPart = ProposalPolicy.this.weights.priority()
					* ((priority != null) ? PRIORITY_VALUES.get(priority) : NO_PRIORITY_VALUE);
			this.confirmedAvailablePart = confirmedAvailablePart(needs.availableConfirmedAt(), now);
			this.referralScore = this.agingPart + this.priorityPart + this.confirmedAvailablePart;
			String partner = needs.partnerId();
			this.usualOrganization = (partner != null) ? roster.usualOrganizations.get(partner) : null;
		}

		public ReferralNeeds needs() {
			return this.needs;
		}

		// A client who said lately they still need the service is likelier to answer.
		private double confirmedAvailablePart(@Nullable Instant confirmedAt, Instant now) {
			MatchingWeights weights = ProposalPolicy.this.weights;
			if (confirmedAt == null || confirmedAt.plus(weights.confirmedAvailableWithin()).isBefore(now)) {
				return 0.0;
			}
			return weights.confirmedAvailable();
		}

		/** Whether the candidate at this index meets every hard constraint. */
		public boolean fits(int index) {
			return firstBroken(index) == null;
		}

		/**
		 * The first hard constraint the candidate breaks, the cheapest checks first, or
		 * null when none.
		 */
		@Nullable Constraint firstBroken(int index) {
			Candidate candidate = this.roster.candidates.get(index);
			for (HardConstraints.Rule rule : HardConstraints.CHEAPEST_FIRST) {
				if (rule.breaks().test(this, candidate, index)) {
					return rule.constraint();
				}
			}
			return null;
		}

		boolean sharesLanguage(Candidate candidate) {
			long common = candidate.languageMask & this.languageMask;
			if (common == 0) {
				return false;
			}
			if (common != LanguageBits.OTHER) {
				return true;
			}
			return this.needs.languages().stream().anyMatch(candidate.languages::contains);
		}

		/**
		 * Whether a candidate of another organization may take this referral through the
		 * network's video pool: the candidate's organization opted in, both can do video,
		 * and no therapist of the referral's own organization has a free place in the
		 * client's language.
		 */
		boolean viaVideoPool(Candidate candidate) {
			String home = this.needs.organizationId();
			if (home == null || home.equals(candidate.organizationId)
					|| !this.roster.videoPool.contains(candidate.organizationId)
					|| this.needs.modality() == Modality.IN_PERSON || (candidate.modalityMask & VIDEO) == 0) {
				return false;
			}
			if (this.videoPoolOpen < 0) {
				this.videoPoolOpen = (byte) (homeHasPlaceInLanguage(home) ? 0 : 1);
			}
			return this.videoPoolOpen == 1;
		}

		private boolean homeHasPlaceInLanguage(String home) {
			for (Candidate candidate : this.roster.candidates) {
				if (candidate.active && home.equals(candidate.organizationId)
						&& !this.needs.declinedTherapists().contains(candidate.therapistId) && sharesLanguage(candidate)
						&& ((this.needs.lowFee()) ? candidate.freeLowFeePlaces > 0 : candidate.freeRegularPlaces > 0)) {
					return true;
				}
			}
			return false;
		}

		@Nullable Constraint modalityBroken(int index, Candidate candidate) {
			return switch (this.needs.modality()) {
				case VIDEO -> ((candidate.modalityMask & VIDEO) != 0) ? null : Constraint.MODALITY;
				case IN_PERSON -> ((candidate.modalityMask & IN_PERSON) == 0) ? Constraint.MODALITY
						: reaches(index) ? null : Constraint.WITHIN_REACH;
				case EITHER ->
					((candidate.modalityMask & VIDEO) != 0) ? null : ((candidate.modalityMask & IN_PERSON) == 0)
							? Constraint.MODALITY : reaches(index) ? null : Constraint.WITHIN_REACH;
			};
		}

		private boolean reaches(int index) {
			int organization = this.roster.organizationIndex[index];
			byte known = this.reachable[organization];
			if (known < 0) {
				boolean reaches = this.roster.reach.reaches(this.roster.organizations.get(organization),
						this.needs.postalPrefix(), this.needs.maxTravelKm());
				known = (byte) (reaches ? 1 : 0);
				this.reachable[organization] = known;
			}
			return known == 1;
		}

		/** The modality to offer a fitting candidate: community sites first. */
		Modality modality(int index) {
			Candidate candidate = this.roster.candidates.get(index);
			boolean inPerson = this.needs.modality() != Modality.VIDEO && (candidate.modalityMask & IN_PERSON) != 0
					&& !viaVideoPool(candidate) && reaches(index);
			return inPerson ? Modality.IN_PERSON : Modality.VIDEO;
		}

		/** The total score of a fitting candidate for this referral. */
		public double score(int index) {
			Candidate candidate = this.roster.candidates.get(index);
			return this.referralScore + approachPart(candidate) + loadPart(candidate) + continuityPart(candidate);
		}

		private double approachPart(Candidate candidate) {
			return ((candidate.approachMask & this.approachMask) != 0) ? ProposalPolicy.this.weights.approach() : 0.0;
		}

		private double loadPart(Candidate candidate) {
			return (candidate.places > 0)
					? ProposalPolicy.this.weights.load() * candidate.freePlaces() / candidate.places : 0.0;
		}

		private double continuityPart(Candidate candidate) {
			return candidate.organizationId.equals(this.usualOrganization) ? ProposalPolicy.this.weights.continuity()
					: 0.0;
		}

		/** Every hard constraint a candidate breaks, for the reasons of a no-match. */
		List<Constraint> allBroken(Candidate candidate, int index) {
			List<Constraint> broken = new ArrayList<>();
			for (HardConstraints.Rule rule : HardConstraints.IN_EXPLANATION_ORDER) {
				if (rule.breaks().test(this, candidate, index)) {
					broken.add(rule.constraint());
				}
			}
			return broken;
		}

		/** The hard constraints an explanation lists as met by a fitting candidate. */
		List<String> met(Modality offered) {
			List<String> met = new ArrayList<>();
			for (HardConstraints.Rule rule : HardConstraints.IN_EXPLANATION_ORDER) {
				if (rule.listed().test(this, offered)) {
					met.add(rule.constraint().name());
				}
			}
			return met;
		}

		/** The proposal of a fitting candidate, with its explanation. */
		public Choice choice(int index) {
			Candidate candidate = this.roster.candidates.get(index);
			Modality modality = modality(index);
			Map<String, Double> parts = new LinkedHashMap<>();
			parts.put("approach", approachPart(candidate));
			parts.put("aging", this.agingPart);
			parts.put("priority", this.priorityPart);
			parts.put("continuity", continuityPart(candidate));
			parts.put("load", loadPart(candidate));
			if (this.confirmedAvailablePart != 0) {
				parts.put("confirmedAvailable", this.confirmedAvailablePart);
			}
			WeeklySlot slot = WeekMinutes
				.slot(WeekMinutes.firstCommonStart(this.wanted, candidate.open, SESSION_MINUTES), SESSION_MINUTES);
			List<String> met = met(modality);
			ProposalMadeV1.VideoPool videoPool = null;
			if (viaVideoPool(candidate)) {
				// Another organization's place: the target organization did not hold, the
				// pool did.
				met.replaceAll(code -> code.equals(Constraint.TARGET_ORGANIZATION.name()) ? VIDEO_POOL : code);
				videoPool = new ProposalMadeV1.VideoPool(this.needs.organizationId(), sharedLanguage(candidate),
						this.needs.fee());
			}
			return new Choice(candidate, modality, slot,
					new ProposalMadeV1.Explanation(List.copyOf(met), parts, score(index), null, videoPool));
		}

		/** The first of the client's languages the candidate speaks. */
		private String sharedLanguage(Candidate candidate) {
			return this.needs.languages()
				.stream()
				.filter(candidate.languages::contains)
				.findFirst()
				.orElse(this.needs.languages().get(0));
		}

		/**
		 * Why no candidate fits: the constraints that ruled out the most candidates
		 * first.
		 */
		NoMatch noMatch() {
			List<Candidate> candidates = this.roster.candidates;
			int active = 0;
			int examined = 0;
			Map<Constraint, Integer> eliminated = new EnumMap<>(Constraint.class);
			for (int i = 0; i < candidates.size(); i++) {
				Candidate candidate = candidates.get(i);
				if (!candidate.active) {
					continue;
				}
				active++;
				Constraint broken = firstBroken(i);
				if (broken == Constraint.TARGET_ORGANIZATION) {
					continue;
				}
				examined++;
				if (broken != null) {
					allBroken(candidate, i).forEach(constraint -> eliminated.merge(constraint, 1, Integer::sum));
				}
			}
			if (examined == 0) {
				return new NoMatch(List.of((this.needs.organizationId() != null && active > 0)
						? Constraint.TARGET_ORGANIZATION.failure : "NO_ACTIVE_THERAPIST"), 0);
			}
			List<String> reasons = eliminated.entrySet()
				.stream()
				.sorted(Map.Entry.<Constraint, Integer>comparingByValue()
					.reversed()
					.thenComparing(Map.Entry.comparingByKey()))
				.map(entry -> entry.getKey().failure)
				.toList();
			return new NoMatch(reasons, examined);
		}

	}

	/** What the policy decided for one referral. */
	public sealed interface Outcome permits Choice, NoMatch {

	}

	/**
	 * A therapist to propose.
	 *
	 * @param therapist the chosen candidate
	 * @param modality the modality to offer
	 * @param slot the first weekly slot both can make
	 * @param explanation the constraints met and the score, part by part
	 */
	public record Choice(Candidate therapist, Modality modality, WeeklySlot slot,
			ProposalMadeV1.Explanation explanation) implements Outcome {
	}

	/**
	 * No therapist fits now.
	 *
	 * @param reasons codes of the constraints that ruled candidates out, most candidates
	 * first
	 * @param candidatesExamined how many active therapists were examined
	 */
	public record NoMatch(List<String> reasons, int candidatesExamined) implements Outcome {
	}

}

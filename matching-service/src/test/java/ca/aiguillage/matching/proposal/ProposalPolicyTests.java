package ca.aiguillage.matching.proposal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.matching.network.Organizations;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProposalPolicyTests {

	private static final Instant REGISTERED = Instant.parse("2026-11-20T14:03:00Z");

	private final ProposalPolicy policy = new ProposalPolicy(new MatchingWeights(1.0, 0.5, 0.25, 1.0, 0.25));

	@Test
	void therapistWhoMeetsEveryConstraintIsProposedWithTheFirstCommonSlot() {
		ProposalPolicy.Choice choice = chosen(this.policy.propose(needs().build(),
				List.of(therapist("t-1").availability(slot(DayOfWeek.TUESDAY, "10:30", "16:00")).build())));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-1");
		assertThat(choice.slot()).isEqualTo(slot(DayOfWeek.TUESDAY, "10:30", "11:30"));
		assertThat(choice.explanation().constraintsMet()).containsExactly("SHARED_LANGUAGE", "CLIENTELE", "MODALITY",
				"WITHIN_REACH", "COMMON_SLOT", "FREE_PLACE");
	}

	@Test
	void firstCommonSlotIsTheEarliestOfTheWeek() {
		ReferralNeeds needs = needs()
			.availability(slot(DayOfWeek.THURSDAY, "09:00", "12:00"), slot(DayOfWeek.MONDAY, "18:00", "21:00"))
			.build();
		Candidate therapist = therapist("t-1")
			.availability(slot(DayOfWeek.MONDAY, "19:00", "21:00"), slot(DayOfWeek.THURSDAY, "08:00", "12:00"))
			.build();

		assertThat(chosen(this.policy.propose(needs, List.of(therapist))).slot())
			.isEqualTo(slot(DayOfWeek.MONDAY, "19:00", "20:00"));
	}

	@Test
	void therapistWithoutASharedLanguageIsNotProposed() {
		ProposalPolicy.NoMatch noMatch = unmatched(this.policy.propose(needs().languages("es", "en").build(),
				List.of(therapist("t-1").languages("fr").build())));

		assertThat(noMatch.reasons()).containsExactly("NO_SHARED_LANGUAGE");
		assertThat(noMatch.candidatesExamined()).isEqualTo(1);
	}

	@Test
	void anyLanguageTheClientAcceptsIsEnough() {
		Candidate therapist = therapist("t-1").languages("fr", "es").build();

		assertThat(chosen(this.policy.propose(needs().languages("es", "en").build(), List.of(therapist))).therapist())
			.isEqualTo(therapist);
	}

	@Test
	void coupleIsNotProposedToATherapistWhoTakesOnlyAdults() {
		ProposalPolicy.NoMatch noMatch = unmatched(this.policy.propose(needs().clientele(Clientele.COUPLE).build(),
				List.of(therapist("t-1").clienteles(Clientele.ADULT).build())));

		assertThat(noMatch.reasons()).containsExactly("CLIENTELE_NOT_OFFERED");
	}

	@Test
	void clientWhoAcceptsEitherModalityIsOfferedInPersonWhenTheTherapistOffersBoth() {
		ProposalPolicy.Choice choice = chosen(this.policy.propose(needs().modality(Modality.EITHER).build(),
				List.of(therapist("t-1").modalities(Modality.VIDEO, Modality.IN_PERSON).build())));

		assertThat(choice.modality()).isEqualTo(Modality.IN_PERSON);
	}

	@Test
	void clientWhoAcceptsEitherModalityIsOfferedVideoByAVideoOnlyTherapist() {
		ProposalPolicy.Choice choice = chosen(this.policy.propose(needs().modality(Modality.EITHER).build(),
				List.of(therapist("t-1").modalities(Modality.VIDEO).build())));

		assertThat(choice.modality()).isEqualTo(Modality.VIDEO);
	}

	@Test
	void clientWhoAsksForVideoIsNotProposedAnInPersonOnlyTherapist() {
		ProposalPolicy.NoMatch noMatch = unmatched(this.policy.propose(needs().modality(Modality.VIDEO).build(),
				List.of(therapist("t-1").modalities(Modality.IN_PERSON).build())));

		assertThat(noMatch.reasons()).containsExactly("MODALITY_NOT_OFFERED");
	}

	@Test
	void requiredApproachRulesOutTherapistsWhoDoNotOfferIt() {
		ReferralNeeds needs = needs().approaches(Approach.SYSTEMIC).approachRequired(true).build();

		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs, List.of(therapist("t-1").approaches(Approach.PSYCHODYNAMIC).build())));

		assertThat(noMatch.reasons()).containsExactly("REQUIRED_APPROACH_NOT_OFFERED");
	}

	@Test
	void requiredApproachThatIsOfferedIsListedAmongTheConstraintsMet() {
		ReferralNeeds needs = needs().approaches(Approach.SYSTEMIC).approachRequired(true).build();

		ProposalPolicy.Choice choice = chosen(this.policy.propose(needs,
				List.of(therapist("t-1").approaches(Approach.PSYCHODYNAMIC, Approach.SYSTEMIC).build())));

		assertThat(choice.explanation().constraintsMet()).contains("REQUIRED_APPROACH");
	}

	@Test
	void preferredApproachThatIsNotOfferedOnlyLowersTheScore() {
		ReferralNeeds needs = needs().approaches(Approach.SYSTEMIC).approachRequired(false).build();

		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs, List.of(therapist("t-1").approaches(Approach.PSYCHODYNAMIC).build())));

		assertThat(choice.explanation().scoreParts()).containsEntry("approach", 0.0);
		assertThat(choice.explanation().constraintsMet()).doesNotContain("REQUIRED_APPROACH");
	}

	@Test
	void overlapShorterThanASessionIsNoCommonSlot() {
		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs().availability(slot(DayOfWeek.TUESDAY, "11:15", "13:00")).build(),
						List.of(therapist("t-1").availability(slot(DayOfWeek.TUESDAY, "09:00", "12:00")).build())));

		assertThat(noMatch.reasons()).containsExactly("NO_COMMON_SLOT");
	}

	@Test
	void availabilityOnDifferentDaysIsNoCommonSlot() {
		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs().availability(slot(DayOfWeek.WEDNESDAY, "09:00", "12:00")).build(),
						List.of(therapist("t-1").availability(slot(DayOfWeek.TUESDAY, "09:00", "12:00")).build())));

		assertThat(noMatch.reasons()).containsExactly("NO_COMMON_SLOT");
	}

	@Test
	void therapistWithoutAFreePlaceIsNotProposed() {
		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs().build(), List.of(therapist("t-1").places(2, 0).build())));

		assertThat(noMatch.reasons()).containsExactly("NO_FREE_PLACE");
	}

	@Test
	void inactiveTherapistIsNeitherProposedNorExamined() {
		ProposalPolicy.NoMatch noMatch = unmatched(this.policy.propose(needs().languages("es").build(),
				List.of(therapist("t-1").active(false).languages("es").build(), therapist("t-2").build())));

		assertThat(noMatch.reasons()).containsExactly("NO_SHARED_LANGUAGE");
		assertThat(noMatch.candidatesExamined()).isEqualTo(1);
	}

	@Test
	void emptyDirectoryGivesItsOwnReason() {
		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs().build(), List.of(therapist("t-1").active(false).build())));

		assertThat(noMatch.reasons()).containsExactly("NO_ACTIVE_THERAPIST");
		assertThat(noMatch.candidatesExamined()).isZero();
	}

	@Test
	void reasonsStartWithTheConstraintThatRuledOutTheMostCandidates() {
		List<Candidate> therapists = List.of(therapist("t-1").places(1, 0).build(),
				therapist("t-2").languages("en").build(), therapist("t-3").languages("en").places(1, 0).build(),
				therapist("t-4").modalities(Modality.VIDEO).languages("en").build());

		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs().modality(Modality.IN_PERSON).build(), therapists));

		assertThat(noMatch.reasons()).containsExactly("NO_SHARED_LANGUAGE", "NO_FREE_PLACE", "MODALITY_NOT_OFFERED");
		assertThat(noMatch.candidatesExamined()).isEqualTo(4);
	}

	@Test
	void reasonsThatRuledOutAsManyCandidatesKeepTheOrderOfTheConstraints() {
		List<Candidate> therapists = List.of(therapist("t-1").places(1, 0).build(),
				therapist("t-2").languages("en").build());

		assertThat(unmatched(this.policy.propose(needs().build(), therapists)).reasons())
			.containsExactly("NO_SHARED_LANGUAGE", "NO_FREE_PLACE");
	}

	@Test
	void referralSentToAnOrganizationIsProposedOnlyItsTherapists() {
		List<Candidate> therapists = List.of(therapist("t-1").organization("org-laval").places(5, 5).build(),
				therapist("t-2").organization("org-outaouais").places(5, 1).build());

		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs().organization("org-outaouais").build(), therapists));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-2");
		assertThat(choice.explanation().constraintsMet()).endsWith("TARGET_ORGANIZATION");
	}

	@Test
	void reasonsOfAReferralSentToAnOrganizationSpeakOfThatOrganizationOnly() {
		List<Candidate> therapists = List.of(therapist("t-1").organization("org-laval").build(),
				therapist("t-2").organization("org-outaouais").places(1, 0).build());

		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs().organization("org-outaouais").build(), therapists));

		assertThat(noMatch.reasons()).containsExactly("NO_FREE_PLACE");
		assertThat(noMatch.candidatesExamined()).isEqualTo(1);
	}

	@Test
	void organizationWithoutAnActiveTherapistGivesItsOwnReason() {
		ProposalPolicy.NoMatch noMatch = unmatched(this.policy.propose(needs().organization("org-outaouais").build(),
				List.of(therapist("t-1").organization("org-laval").build())));

		assertThat(noMatch.reasons()).containsExactly("NO_ACTIVE_THERAPIST_IN_TARGET_ORGANIZATION");
	}

	@Test
	void therapistOfferingTheWantedApproachIsPreferred() {
		List<Candidate> therapists = List.of(therapist("t-1").approaches(Approach.PSYCHODYNAMIC).build(),
				therapist("t-2").approaches(Approach.COGNITIVE_BEHAVIOURAL).build());

		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs().approaches(Approach.COGNITIVE_BEHAVIOURAL).build(), therapists));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-2");
		assertThat(choice.explanation().scoreParts()).containsEntry("approach", 1.0);
	}

	@Test
	void therapistWithTheLargerShareOfFreePlacesIsPreferredSoThatLoadSpreads() {
		List<Candidate> therapists = List.of(therapist("t-1").places(4, 1).build(),
				therapist("t-2").places(2, 2).build(), therapist("t-3").places(5, 3).build());

		ProposalPolicy.Choice choice = chosen(this.policy.propose(needs().build(), therapists));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-2");
		assertThat(choice.explanation().scoreParts()).containsEntry("load", 0.5);
	}

	@Test
	void higherPriorityScoresHigher() {
		List<Candidate> therapists = List.of(therapist("t-1").build());

		double urgent = chosen(this.policy.propose(needs().priority(Priority.A).build(), therapists)).explanation()
			.score();
		double routine = chosen(this.policy.propose(needs().priority(Priority.E).build(), therapists)).explanation()
			.score();
		double unknown = chosen(this.policy.propose(needs().priority(null).build(), therapists)).explanation().score();

		assertThat(urgent).isGreaterThan(unknown).isGreaterThan(routine);
	}

	@Test
	void scoreIsTheSumOfItsWeightedParts() {
		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs().approaches(Approach.COGNITIVE_BEHAVIOURAL).priority(Priority.B).build(),
						List.of(therapist("t-1").approaches(Approach.COGNITIVE_BEHAVIOURAL).places(4, 3).build())));

		assertThat(choice.explanation().scoreParts()).containsExactly(Map.entry("approach", 1.0),
				Map.entry("aging", 0.0), Map.entry("priority", 0.1875), Map.entry("continuity", 0.0),
				Map.entry("load", 0.375));
		assertThat(choice.explanation().score()).isCloseTo(1.5625, within(1e-9));
	}

	@Test
	void weightsDecideBetweenTheWantedApproachAndTheFreerTherapist() {
		List<Candidate> therapists = List.of(
				therapist("t-1").approaches(Approach.COGNITIVE_BEHAVIOURAL).places(4, 1).build(),
				therapist("t-2").approaches(Approach.PSYCHODYNAMIC).places(4, 4).build());
		ReferralNeeds needs = needs().approaches(Approach.COGNITIVE_BEHAVIOURAL).build();
		ProposalPolicy loadFirst = new ProposalPolicy(new MatchingWeights(0.2, 1.0, 0.25, 1.0, 0.25));

		assertThat(chosen(this.policy.propose(needs, therapists)).therapist().therapistId()).isEqualTo("t-1");
		assertThat(chosen(loadFirst.propose(needs, therapists)).therapist().therapistId()).isEqualTo("t-2");
	}

	@Test
	void equalCandidatesAreSettledByTheirIdSoTheChoiceRepeats() {
		List<Candidate> therapists = List.of(therapist("t-09").build(), therapist("t-02").build(),
				therapist("t-17").build());

		assertThat(chosen(this.policy.propose(needs().build(), therapists)).therapist().therapistId())
			.isEqualTo("t-02");
	}

	@Test
	void clientWhoseFeeNeedsALowFeePlaceIsProposedOnlyATherapistWithOne() {
		List<Candidate> therapists = List.of(therapist("t-1").build(),
				therapist("t-2").places(3, 1).lowFeePlaces(1).build());

		ProposalPolicy.Choice choice = chosen(this.policy.propose(needs().lowFee().build(), therapists));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-2");
		assertThat(choice.explanation().constraintsMet()).contains("LOW_FEE_PLACE").doesNotContain("FREE_PLACE");
	}

	@Test
	void lowFeeClientWithNoLowFeePlaceLeftIsToldSo() {
		assertThat(
				unmatched(this.policy.propose(needs().lowFee().build(), List.of(therapist("t-1").build()))).reasons())
			.containsExactly("NO_LOW_FEE_PLACE");
	}

	@Test
	void inPersonSiteOutsideTheServiceAreaIsOutOfReach() {
		Roster roster = new Roster(List.of(therapist("t-1").organization("org-outaouais").build()),
				Organizations.shipped()::reaches, Map.of());

		ProposalPolicy.NoMatch noMatch = unmatched(this.policy
			.propose(needs().modality(Modality.IN_PERSON).from("H2M", null).build(), roster, REGISTERED));

		assertThat(noMatch.reasons()).containsExactly("SITE_OUT_OF_REACH");
	}

	@Test
	void travelDistanceTheClientSetsReplacesTheServiceArea() {
		Roster roster = new Roster(List.of(therapist("t-1").organization("org-laval").build()),
				Organizations.shipped()::reaches, Map.of());
		ReferralNeeds near = needs().modality(Modality.IN_PERSON).from("H2M", 15).build();
		ReferralNeeds tooFar = needs().modality(Modality.IN_PERSON).from("H2M", 3).build();

		ProposalPolicy.Choice choice = chosen(this.policy.propose(near, roster, REGISTERED));

		assertThat(choice.explanation().constraintsMet()).contains("WITHIN_REACH");
		assertThat(unmatched(this.policy.propose(tooFar, roster, REGISTERED)).reasons())
			.containsExactly("SITE_OUT_OF_REACH");
	}

	@Test
	void clientWhoAcceptsEitherModalityIsOfferedVideoWhenTheSiteIsOutOfReach() {
		Roster roster = new Roster(List.of(therapist("t-1").organization("org-outaouais").build()),
				Organizations.shipped()::reaches, Map.of());

		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs().modality(Modality.EITHER).from("H2M", null).build(), roster, REGISTERED));

		assertThat(choice.modality()).isEqualTo(Modality.VIDEO);
		assertThat(choice.explanation().constraintsMet()).doesNotContain("WITHIN_REACH");
	}

	@Test
	void therapistTheClientDeclinedIsNotProposedAgain() {
		List<Candidate> therapists = List.of(therapist("t-1").build(), therapist("t-2").places(3, 1).build());

		assertThat(chosen(this.policy.propose(needs().declined("t-1").build(), therapists)).therapist().therapistId())
			.isEqualTo("t-2");
		assertThat(
				unmatched(this.policy.propose(needs().declined("t-1").build(), List.of(therapists.get(0)))).reasons())
			.containsExactly("ONLY_DECLINED_THERAPISTS_FIT");
	}

	@Test
	void therapistOfThePartnersUsualOrganizationIsPreferredForContinuity() {
		Roster roster = new Roster(
				List.of(therapist("t-1").organization("org-laval").build(),
						therapist("t-2").organization("org-montreal-nord").build()),
				(organization, postalPrefix, km) -> true, Map.of("clsc-ahuntsic", "org-montreal-nord"));

		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs().partner("clsc-ahuntsic").build(), roster, REGISTERED));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-2");
		assertThat(choice.explanation().scoreParts()).containsEntry("continuity", 0.25);
	}

	@Test
	void clientWhoConfirmedRecentlyTheyStillNeedTheServiceScoresTheConfiguredWeightMore() {
		ProposalPolicy checkInAware = new ProposalPolicy(
				new MatchingWeights(1.0, 0.5, 0.25, 1.0, 0.25, 0.3, Duration.ofDays(30)));
		Roster roster = Roster.of(List.of(therapist("t-1").build()));
		Instant now = REGISTERED.plus(Duration.ofDays(40));
		ReferralNeeds unconfirmed = needs().build();

		ProposalPolicy.Choice confirmed = chosen(
				checkInAware.propose(unconfirmed.availableConfirmed(now.minus(Duration.ofDays(29))), roster, now));
		ProposalPolicy.Choice stale = chosen(
				checkInAware.propose(unconfirmed.availableConfirmed(now.minus(Duration.ofDays(31))), roster, now));
		ProposalPolicy.Choice never = chosen(checkInAware.propose(unconfirmed, roster, now));

		assertThat(confirmed.explanation().scoreParts()).containsEntry("confirmedAvailable", 0.3);
		assertThat(confirmed.explanation().score()).isCloseTo(never.explanation().score() + 0.3, within(1e-9));
		assertThat(stale.explanation().scoreParts()).doesNotContainKey("confirmedAvailable");
		assertThat(stale.explanation().score()).isEqualTo(never.explanation().score());
	}

	@Test
	void laterCheckInAnswerReplacesAnEarlierOneButAnOlderOneArrivingLateDoesNot() {
		Instant earlier = REGISTERED.plus(Duration.ofDays(10));
		Instant later = REGISTERED.plus(Duration.ofDays(40));

		assertThat(needs().build().availableConfirmed(earlier).availableConfirmed(later).availableConfirmedAt())
			.isEqualTo(later);
		assertThat(needs().build().availableConfirmed(later).availableConfirmed(earlier).availableConfirmedAt())
			.isEqualTo(later);
		assertThat(needs().build()
			.availableConfirmed(later)
			.withPriority(Priority.A)
			.declining("t-9")
			.availableConfirmedAt()).isEqualTo(later);
	}

	@Test
	void withoutItsWeightACheckInAnswerChangesNoScore() {
		Roster roster = Roster.of(List.of(therapist("t-1").build()));

		ProposalPolicy.Choice confirmed = chosen(
				this.policy.propose(needs().build().availableConfirmed(REGISTERED), roster, REGISTERED));

		assertThat(confirmed.explanation().scoreParts()).doesNotContainKey("confirmedAvailable");
	}

	@Test
	void daysWaitedRaiseTheScoreUpToTwiceTheTarget() {
		Roster roster = Roster.of(List.of(therapist("t-1").build()));

		double thirtyDays = chosen(this.policy.propose(needs().build(), roster, REGISTERED.plus(Duration.ofDays(30))))
			.explanation()
			.scoreParts()
			.get("aging");
		double aYear = chosen(this.policy.propose(needs().build(), roster, REGISTERED.plus(Duration.ofDays(365))))
			.explanation()
			.scoreParts()
			.get("aging");

		assertThat(thirtyDays).isCloseTo(0.5, within(0.01));
		assertThat(aYear).isEqualTo(2.0);
	}

	@Test
	void everyConstraintIsCheckedExplainedAndGivenAsAReasonAlike() {
		Map<ProposalPolicy.Constraint, ReferralNeeds> breakingNeeds = new java.util.EnumMap<>(
				ProposalPolicy.Constraint.class);
		Map<ProposalPolicy.Constraint, Candidate> breakingTherapists = new java.util.EnumMap<>(
				ProposalPolicy.Constraint.class);
		breakingNeeds.put(ProposalPolicy.Constraint.TARGET_ORGANIZATION, needs().organization("org-other").build());
		breakingNeeds.put(ProposalPolicy.Constraint.SHARED_LANGUAGE, needs().languages("es").build());
		breakingNeeds.put(ProposalPolicy.Constraint.CLIENTELE, needs().clientele(Clientele.COUPLE).build());
		breakingNeeds.put(ProposalPolicy.Constraint.MODALITY, needs().modality(Modality.VIDEO).build());
		breakingTherapists.put(ProposalPolicy.Constraint.MODALITY,
				therapist("t-1").modalities(Modality.IN_PERSON).build());
		breakingNeeds.put(ProposalPolicy.Constraint.REQUIRED_APPROACH,
				needs().approaches(Approach.PSYCHODYNAMIC).approachRequired(true).build());
		breakingNeeds.put(ProposalPolicy.Constraint.NOT_DECLINED, needs().declined("t-1").build());
		breakingTherapists.put(ProposalPolicy.Constraint.FREE_PLACE, therapist("t-1").places(3, 0).build());
		breakingNeeds.put(ProposalPolicy.Constraint.LOW_FEE_PLACE, needs().lowFee().build());
		breakingTherapists.put(ProposalPolicy.Constraint.LOW_FEE_PLACE, therapist("t-1").build());
		breakingNeeds.put(ProposalPolicy.Constraint.COMMON_SLOT,
				needs().availability(slot(DayOfWeek.MONDAY, "09:00", "12:00")).build());
		ReferralNeeds inPerson = needs().modality(Modality.IN_PERSON).build();
		Roster unreachable = new Roster(List.of(therapist("t-1").build()), (organization, postal, km) -> false,
				Map.of());

		for (ProposalPolicy.Constraint constraint : ProposalPolicy.Constraint.values()) {
			ProposalPolicy.Request request = (constraint == ProposalPolicy.Constraint.WITHIN_REACH)
					? this.policy.request(inPerson, unreachable, REGISTERED)
					: this.policy.request(breakingNeeds.getOrDefault(constraint, needs().build()), Roster.of(List
						.of(breakingTherapists.getOrDefault(constraint, therapist("t-1").lowFeePlaces(1).build()))),
							REGISTERED);
			assertThat(request.firstBroken(0)).as("checked first: %s", constraint).isEqualTo(constraint);
			assertThat(request.allBroken(request.roster.candidates.get(0), 0)).as("reasons: %s", constraint)
				.containsExactly(constraint);
		}
		ReferralNeeds everythingListed = needs().organization("org-laval")
			.modality(Modality.IN_PERSON)
			.approaches(Approach.COGNITIVE_BEHAVIOURAL)
			.approachRequired(true)
			.declined("t-other")
			.build();
		assertThat(chosen(this.policy.propose(everythingListed, List.of(therapist("t-1").build()))).explanation()
			.constraintsMet()).containsExactly("SHARED_LANGUAGE", "CLIENTELE", "MODALITY", "WITHIN_REACH",
					"REQUIRED_APPROACH", "COMMON_SLOT", "FREE_PLACE", "TARGET_ORGANIZATION", "NOT_DECLINED");
		assertThat(
				chosen(this.policy.propose(needs().lowFee().build(), List.of(therapist("t-1").lowFeePlaces(1).build())))
					.explanation()
					.constraintsMet())
			.contains("LOW_FEE_PLACE")
			.doesNotContain("FREE_PLACE");
		assertThat(HardConstraints.IN_EXPLANATION_ORDER).extracting(HardConstraints.Rule::constraint)
			.containsExactlyInAnyOrder(ProposalPolicy.Constraint.values());
	}

	@Test
	void clientWhoseOrganizationHasNoPlaceInTheirLanguageIsOfferedAVideoPlaceOfAnOrganizationInThePool() {
		SessionFee homeFee = new SessionFee(1500, false, "scale-laval", "2026-1");
		ReferralNeeds needs = needs().organization("org-laval").languages("es").fee(homeFee).build();
		List<Candidate> therapists = List.of(therapist("t-home").organization("org-laval").build(),
				therapist("t-host").organization("org-outaouais").languages("es").build());

		ProposalPolicy.Choice choice = chosen(
				this.policy.propose(needs, videoPool(therapists, "org-outaouais"), REGISTERED));

		assertThat(choice.therapist().therapistId()).isEqualTo("t-host");
		assertThat(choice.modality()).isEqualTo(Modality.VIDEO);
		assertThat(choice.explanation().constraintsMet()).contains(ProposalPolicy.VIDEO_POOL)
			.doesNotContain("TARGET_ORGANIZATION", "WITHIN_REACH");
		assertThat(choice.explanation().videoPool())
			.isEqualTo(new ProposalMadeV1.VideoPool("org-laval", "es", homeFee));
	}

	@Test
	void organizationOutsideThePoolDoesNotTakeAnotherOrganizationsClient() {
		ReferralNeeds needs = needs().organization("org-laval").languages("es").build();
		List<Candidate> therapists = List.of(therapist("t-host").organization("org-outaouais").languages("es").build());

		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs, videoPool(therapists, "org-montreal-nord"), REGISTERED));

		assertThat(noMatch.reasons()).containsExactly("NO_ACTIVE_THERAPIST_IN_TARGET_ORGANIZATION");
	}

	@Test
	void clientWhoAsksForInPersonSessionsIsNotOfferedThePool() {
		ReferralNeeds needs = needs().organization("org-laval").languages("es").modality(Modality.IN_PERSON).build();
		List<Candidate> therapists = List.of(therapist("t-host").organization("org-outaouais").languages("es").build());

		assertThat(this.policy.propose(needs, videoPool(therapists, "org-outaouais"), REGISTERED))
			.isInstanceOf(ProposalPolicy.NoMatch.class);
	}

	@Test
	void therapistOfThePoolWhoDoesNotOfferVideoIsNotOffered() {
		ReferralNeeds needs = needs().organization("org-laval").languages("es").build();
		List<Candidate> therapists = List.of(therapist("t-host").organization("org-outaouais")
			.languages("es")
			.modalities(Modality.IN_PERSON)
			.build());

		assertThat(this.policy.propose(needs, videoPool(therapists, "org-outaouais"), REGISTERED))
			.isInstanceOf(ProposalPolicy.NoMatch.class);
	}

	@Test
	void homeTherapistWithAFreePlaceInTheLanguageKeepsThePoolClosedEvenWithoutACommonSlot() {
		ReferralNeeds needs = needs().organization("org-laval").languages("es").build();
		List<Candidate> therapists = List.of(therapist("t-home").organization("org-laval")
			.languages("es")
			.availability(slot(DayOfWeek.FRIDAY, "13:00", "17:00"))
			.build(), therapist("t-host").organization("org-outaouais").languages("es").build());

		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs, videoPool(therapists, "org-outaouais"), REGISTERED));

		assertThat(noMatch.reasons()).containsExactly("NO_COMMON_SLOT");
	}

	@Test
	void homeTherapistInTheLanguageWithoutAFreePlaceOpensThePool() {
		ReferralNeeds needs = needs().organization("org-laval").languages("es").build();
		List<Candidate> therapists = List.of(
				therapist("t-home").organization("org-laval").languages("es").places(3, 0).build(),
				therapist("t-host").organization("org-outaouais").languages("es").build());

		assertThat(chosen(this.policy.propose(needs, videoPool(therapists, "org-outaouais"), REGISTERED)).therapist()
			.therapistId()).isEqualTo("t-host");
	}

	@Test
	void lowFeeClientOfThePoolNeedsALowFeePlaceOfTheHost() {
		ReferralNeeds needs = needs().organization("org-laval").languages("es").lowFee().build();
		List<Candidate> therapists = List.of(therapist("t-host").organization("org-outaouais").languages("es").build());

		ProposalPolicy.NoMatch noMatch = unmatched(
				this.policy.propose(needs, videoPool(therapists, "org-outaouais"), REGISTERED));

		assertThat(noMatch.reasons()).containsExactly("NO_LOW_FEE_PLACE");
	}

	private static Roster videoPool(List<Candidate> therapists, String... pool) {
		return new Roster(therapists, (organization, postal, km) -> true, Map.of(), Set.of(pool));
	}

	private static ProposalPolicy.Choice chosen(ProposalPolicy.Outcome outcome) {
		assertThat(outcome).isInstanceOf(ProposalPolicy.Choice.class);
		return (ProposalPolicy.Choice) outcome;
	}

	private static ProposalPolicy.NoMatch unmatched(ProposalPolicy.Outcome outcome) {
		assertThat(outcome).isInstanceOf(ProposalPolicy.NoMatch.class);
		return (ProposalPolicy.NoMatch) outcome;
	}

	private static WeeklySlot slot(DayOfWeek day, String start, String end) {
		return new WeeklySlot(day, LocalTime.parse(start), LocalTime.parse(end));
	}

	private static NeedsBuilder needs() {
		return new NeedsBuilder();
	}

	private static TherapistBuilder therapist(String id) {
		return new TherapistBuilder(id);
	}

	/**
	 * A French-speaking adult, either modality, Tuesday mornings, priority C, no
	 * organization named.
	 */
	private static final class NeedsBuilder {

		private @Nullable String organization;

		private List<String> languages = List.of("fr");

		private Clientele clientele = Clientele.ADULT;

		private List<Approach> approaches = List.of();

		private boolean approachRequired;

		private Modality modality = Modality.EITHER;

		private List<WeeklySlot> availability = List.of(slot(DayOfWeek.TUESDAY, "09:00", "12:00"));

		private @Nullable Priority priority = Priority.C;

		private String postalPrefix = "H2M";

		private boolean lowFee;

		private @Nullable Integer maxTravelKm;

		private @Nullable String partner;

		private Set<String> declined = Set.of();

		private @Nullable SessionFee fee;

		NeedsBuilder fee(SessionFee fee) {
			this.fee = fee;
			return this;
		}

		NeedsBuilder organization(String organization) {
			this.organization = organization;
			return this;
		}

		NeedsBuilder languages(String... languages) {
			this.languages = List.of(languages);
			return this;
		}

		NeedsBuilder clientele(Clientele clientele) {
			this.clientele = clientele;
			return this;
		}

		NeedsBuilder approaches(Approach... approaches) {
			this.approaches = List.of(approaches);
			return this;
		}

		NeedsBuilder approachRequired(boolean required) {
			this.approachRequired = required;
			return this;
		}

		NeedsBuilder modality(Modality modality) {
			this.modality = modality;
			return this;
		}

		NeedsBuilder availability(WeeklySlot... availability) {
			this.availability = List.of(availability);
			return this;
		}

		NeedsBuilder priority(@Nullable Priority priority) {
			this.priority = priority;
			return this;
		}

		NeedsBuilder lowFee() {
			this.lowFee = true;
			return this;
		}

		NeedsBuilder from(String postalPrefix, @Nullable Integer maxTravelKm) {
			this.postalPrefix = postalPrefix;
			this.maxTravelKm = maxTravelKm;
			return this;
		}

		NeedsBuilder partner(String partner) {
			this.partner = partner;
			return this;
		}

		NeedsBuilder declined(String... therapists) {
			this.declined = Set.of(therapists);
			return this;
		}

		ReferralNeeds build() {
			return new ReferralNeeds("r-1", this.organization, this.partner, this.languages, this.clientele,
					this.approaches, this.approachRequired, this.modality, this.availability, this.priority,
					this.postalPrefix, this.lowFee, this.maxTravelKm, REGISTERED, this.declined, null, this.fee);
		}

	}

	/**
	 * An active French-speaking CBT therapist for adults, both modalities, Tuesday
	 * mornings, 3 of 3 places free.
	 */
	private static final class TherapistBuilder {

		private final String id;

		private String organization = "org-laval";

		private boolean active = true;

		private Set<String> languages = Set.of("fr");

		private Set<Approach> approaches = Set.of(Approach.COGNITIVE_BEHAVIOURAL);

		private Set<Clientele> clienteles = Set.of(Clientele.ADULT);

		private Set<Modality> modalities = Set.of(Modality.IN_PERSON, Modality.VIDEO);

		private List<WeeklySlot> availability = List.of(slot(DayOfWeek.TUESDAY, "09:00", "12:00"));

		private int places = 3;

		private int freePlaces = 3;

		private int freeLowFee;

		TherapistBuilder(String id) {
			this.id = id;
		}

		TherapistBuilder organization(String organization) {
			this.organization = organization;
			return this;
		}

		TherapistBuilder active(boolean active) {
			this.active = active;
			return this;
		}

		TherapistBuilder languages(String... languages) {
			this.languages = Set.of(languages);
			return this;
		}

		TherapistBuilder approaches(Approach... approaches) {
			this.approaches = Set.of(approaches);
			return this;
		}

		TherapistBuilder clienteles(Clientele... clienteles) {
			this.clienteles = Set.of(clienteles);
			return this;
		}

		TherapistBuilder modalities(Modality... modalities) {
			this.modalities = Set.of(modalities);
			return this;
		}

		TherapistBuilder availability(WeeklySlot... availability) {
			this.availability = List.of(availability);
			return this;
		}

		TherapistBuilder places(int places, int free) {
			this.places = places;
			this.freePlaces = free;
			return this;
		}

		TherapistBuilder lowFeePlaces(int free) {
			this.freeLowFee = free;
			return this;
		}

		Candidate build() {
			return new Candidate(this.id, this.organization, "Nadia", this.active, this.languages, this.approaches,
					this.clienteles, this.modalities, this.availability, this.places, this.freePlaces, this.freeLowFee);
		}

	}

}

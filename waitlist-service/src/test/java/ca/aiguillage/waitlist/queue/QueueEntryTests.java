package ca.aiguillage.waitlist.queue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueueEntryTests {

	static final Instant REGISTERED = Instant.parse("2026-11-20T14:03:00Z");

	static final TimerSettings SETTINGS = new TimerSettings(Duration.ofDays(30), Duration.ofDays(14), 2,
			Duration.ofDays(7), Duration.ofDays(21), Map.of("org-laval", Duration.ofDays(10)), Duration.ofDays(45),
			Duration.ofSeconds(30), null, true, true);

	@Test
	void registrationAloneAwaitsMatching() {
		QueueEntry entry = new QueueEntry("r-1");

		entry.registered(submitted("r-1"));

		assertThat(entry.status()).isEqualTo(QueueStatus.SUBMITTED);
		assertThat(entry.registeredAt()).isEqualTo(REGISTERED);
	}

	@Test
	void proposalArrivingBeforeRegistrationIsNotUndoneByIt() {
		QueueEntry entry = new QueueEntry("r-1");

		entry.proposed(proposal("r-1"));
		entry.registered(submitted("r-1"));

		assertThat(entry.status()).isEqualTo(QueueStatus.PROPOSED);
		assertThat(entry.registration().languages()).containsExactly("fr", "es");
		assertThat(entry.organizationId()).isEqualTo("org-laval");
	}

	@Test
	void noMatchAnnouncesTheWaitOnceTheRegistrationDateIsKnown() {
		QueueEntry entry = new QueueEntry("r-1");

		entry.noMatch(noMatch("r-1", REGISTERED.plusSeconds(2)));
		assertThat(entry.raisedEvents()).isEmpty();
		entry.registered(submitted("r-1"));

		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.raisedEvents()).singleElement().isInstanceOf(WaitlistedV1.class);
	}

	@Test
	void proposalUnansweredForSevenDaysExpiresAndTheClientWaitsAgain() {
		QueueEntry entry = proposed();
		Instant proposedAt = REGISTERED.plusSeconds(2);

		entry.fireDueTimers(proposedAt.plus(Duration.ofDays(7)).minusSeconds(1), SETTINGS);
		assertThat(entry.raisedEvents()).noneMatch(ProposalExpiredV1.class::isInstance);
		entry.fireDueTimers(proposedAt.plus(Duration.ofDays(7)), SETTINGS);

		assertThat(entry.raisedEvents()).filteredOn(ProposalExpiredV1.class::isInstance).hasSize(1);
		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.currentProposal()).isNull();
	}

	@Test
	void organizationWithItsOwnAnswerWindowExpiresItsProposalsSooner() {
		TimerSettings twoDays = new TimerSettings(Duration.ofDays(30), Duration.ofDays(14), 2, Duration.ofDays(7),
				Duration.ofDays(21), Map.of(), Duration.ofDays(45), Duration.ofSeconds(30),
				Map.of("org-laval", Duration.ofDays(2)), true, true);
		QueueEntry entry = proposed();
		Instant proposedAt = REGISTERED.plusSeconds(2);

		entry.fireDueTimers(proposedAt.plus(Duration.ofDays(2)).minusSeconds(1), twoDays);
		assertThat(entry.raisedEvents()).noneMatch(ProposalExpiredV1.class::isInstance);
		entry.fireDueTimers(proposedAt.plus(Duration.ofDays(2)), twoDays);

		assertThat(entry.raisedEvents()).filteredOn(ProposalExpiredV1.class::isInstance).hasSize(1);
		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
	}

	@Test
	void unansweredCheckInIsAskedAgainOnceWhenItsWindowClosesThenTheCoordinatorIsAsked() {
		QueueEntry entry = waiting();

		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(30)), SETTINGS);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(44)), SETTINGS);
		assertThat(entry.raisedEvents()).filteredOn(CheckInDueV1.class::isInstance)
			.extracting(event -> ((CheckInDueV1) event).sequence())
			.containsExactly(1, 2);
		assertThat(reviews(entry)).doesNotContain(ReviewRequestedV1.Cause.NO_CHECK_IN_ANSWER);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(58)), SETTINGS);
		assertThat(reviews(entry)).containsOnlyOnce(ReviewRequestedV1.Cause.NO_CHECK_IN_ANSWER);
		// Asked again once only: the next check-in keeps the monthly rhythm.
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(73)), SETTINGS);
		assertThat(entry.raisedEvents()).filteredOn(CheckInDueV1.class::isInstance).hasSize(2);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(74)), SETTINGS);
		assertThat(entry.raisedEvents()).filteredOn(CheckInDueV1.class::isInstance).hasSize(3);
	}

	@Test
	void withoutAskingAgainAWaitingClientIsCheckedInEveryThirtyDaysAndTwoUnansweredAskForAReview() {
		TimerSettings settings = new TimerSettings(Duration.ofDays(30), Duration.ofDays(14), 2, Duration.ofDays(7),
				Duration.ofDays(21), Map.of(), Duration.ofDays(45), Duration.ofSeconds(30), null, false, true);
		QueueEntry entry = waiting();

		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(30)), settings);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(60)), settings);
		entry.schedule(settings);
		assertThat(reviews(entry)).doesNotContain(ReviewRequestedV1.Cause.NO_CHECK_IN_ANSWER);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(74)), settings);

		assertThat(entry.raisedEvents()).filteredOn(CheckInDueV1.class::isInstance)
			.extracting(event -> ((CheckInDueV1) event).sequence())
			.containsExactly(1, 2);
		assertThat(reviews(entry)).containsOnlyOnce(ReviewRequestedV1.Cause.NO_CHECK_IN_ANSWER);
	}

	@Test
	void withCheckInsTurnedOffAWaitingClientIsNeverAskedNorReviewedForSilence() {
		TimerSettings off = new TimerSettings(Duration.ofDays(30), Duration.ofDays(14), 2, Duration.ofDays(7),
				Duration.ofDays(21), Map.of(), Duration.ofDays(45), Duration.ofSeconds(30), null, true, false);
		QueueEntry entry = waiting();

		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(120)), off);

		assertThat(entry.raisedEvents()).noneMatch(CheckInDueV1.class::isInstance);
		assertThat(reviews(entry)).doesNotContain(ReviewRequestedV1.Cause.NO_CHECK_IN_ANSWER)
			.contains(ReviewRequestedV1.Cause.SIXTY_DAY_RISK);
	}

	@Test
	void answeredCheckInAsksForNoReview() {
		QueueEntry entry = waiting();
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(30)), SETTINGS);
		CheckInDueV1 first = (CheckInDueV1) entry.raisedEvents()
			.stream()
			.filter(CheckInDueV1.class::isInstance)
			.findFirst()
			.orElseThrow();
		entry.clientAnswered(new ClientAnsweredV1("r-1", ClientAnsweredV1.Subject.CHECK_IN, first.checkInId(),
				ClientAnsweredV1.Answer.STILL_WAITING, ClientAnsweredV1.Channel.SMS,
				REGISTERED.plus(Duration.ofDays(31))), true);

		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(80)), SETTINGS);

		assertThat(reviews(entry)).doesNotContain(ReviewRequestedV1.Cause.NO_CHECK_IN_ANSWER);
	}

	@Test
	void clientFeelingWorseFlagsTheCoordinatorAtOnce() {
		QueueEntry entry = waiting();

		entry.clientAnswered(new ClientAnsweredV1("r-1", ClientAnsweredV1.Subject.CHECK_IN, "c-1",
				ClientAnsweredV1.Answer.WORSE, ClientAnsweredV1.Channel.LINK, REGISTERED.plus(Duration.ofDays(3))),
				true);

		assertThat(reviews(entry)).containsExactly(ReviewRequestedV1.Cause.WORSENED);
		assertThat(entry.reviewCauses()).containsExactly(ReviewCause.WORSENED);
	}

	@Test
	void clientNoLongerNeedingTheServiceClosesTheReferralWithTheirOwnWord() {
		QueueEntry entry = waiting();
		Instant answeredAt = REGISTERED.plus(Duration.ofDays(31));

		entry.clientAnswered(noLongerNeeded(answeredAt), true);

		assertThat(entry.status()).isEqualTo(QueueStatus.NO_LONGER_NEEDED);
		assertThat(entry.raisedEvents()).contains(new ReferralLeftQueueV2("r-1",
				ReferralLeftQueueV2.Outcome.NO_LONGER_NEEDED, ReferralLeftQueueV2.ClosedBy.CLIENT, answeredAt));
		assertThat(entry.reviewCauses()).doesNotContain(ReviewCause.NO_LONGER_NEEDED);
		entry.schedule(SETTINGS);
		assertThat(entry.nextTimerAt()).as("no check-in, review or reminder for a closed referral").isNull();
	}

	@Test
	void withClosingTurnedOffNoLongerNeededAsksACoordinatorAndKeepsTheReferralOpen() {
		QueueEntry entry = waiting();

		entry.clientAnswered(noLongerNeeded(REGISTERED.plus(Duration.ofDays(31))), false);

		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.raisedEvents()).noneMatch(ReferralLeftQueueV2.class::isInstance);
		assertThat(entry.reviewCauses()).containsExactly(ReviewCause.NO_LONGER_NEEDED);
	}

	@Test
	void clientInTherapyAnsweringAnOldCheckInIsLeftToACoordinator() {
		QueueEntry entry = new QueueEntry("r-1");
		entry.registered(submitted("r-1"));
		entry.proposed(proposal("r-1"));
		entry.confirm(REGISTERED.plus(Duration.ofDays(1)));
		entry.firstSession(REGISTERED.plus(Duration.ofDays(2)));

		entry.clientAnswered(noLongerNeeded(REGISTERED.plus(Duration.ofDays(3))), true);

		assertThat(entry.status()).isEqualTo(QueueStatus.IN_THERAPY);
		assertThat(entry.reviewCauses()).containsExactly(ReviewCause.NO_LONGER_NEEDED);
	}

	@Test
	void coordinatorsExitIsPublishedAsTheSecondVersionSayingWhoClosedIt() {
		QueueEntry entry = waiting();
		Instant now = REGISTERED.plus(Duration.ofDays(5));

		entry.leave(ReferralLeftQueueV1.Outcome.UNREACHABLE, null, now);

		assertThat(entry.raisedEvents()).contains(new ReferralLeftQueueV2("r-1",
				ReferralLeftQueueV2.Outcome.UNREACHABLE, ReferralLeftQueueV2.ClosedBy.COORDINATOR, now));
		assertThat(entry.status()).isEqualTo(QueueStatus.UNREACHABLE);
	}

	@Test
	void firstVersionExitStillReplaysIntoTheSameState() {
		QueueEntry entry = waiting();
		entry.replaying();

		entry.on(new ReferralLeftQueueV1("r-1", ReferralLeftQueueV1.Outcome.INELIGIBLE,
				REGISTERED.plus(Duration.ofDays(5))), null);

		assertThat(entry.status()).isEqualTo(QueueStatus.INELIGIBLE);
		assertThat(entry.steps()).last().extracting(Step::detail).isEqualTo("INELIGIBLE");
	}

	private static ClientAnsweredV1 noLongerNeeded(Instant answeredAt) {
		return new ClientAnsweredV1("r-1", ClientAnsweredV1.Subject.CHECK_IN, "c-1",
				ClientAnsweredV1.Answer.NO_LONGER_NEEDED, ClientAnsweredV1.Channel.LINK, answeredAt);
	}

	@Test
	void clientAtTheHeadOfALikelyLineIsAskedOnceAWait() {
		QueueEntry entry = waiting();
		Instant now = REGISTERED.plus(Duration.ofDays(5));

		boolean first = entry.askAtHeadOfLine(now, Duration.ofDays(14), SETTINGS);
		boolean again = entry.askAtHeadOfLine(now.plus(Duration.ofDays(20)), Duration.ofDays(14), SETTINGS);

		assertThat(first).isTrue();
		assertThat(again).isFalse();
		assertThat(entry.raisedEvents()).filteredOn(CheckInDueV1.class::isInstance).singleElement().satisfies(event -> {
			CheckInDueV1 checkIn = (CheckInDueV1) event;
			assertThat(checkIn.trigger()).isEqualTo(CheckInDueV1.Trigger.HEAD_OF_LINE);
			assertThat(checkIn.sequence()).isEqualTo(1);
			assertThat(checkIn.dueAt()).isEqualTo(now);
			assertThat(checkIn.answerBy()).isEqualTo(now.plus(SETTINGS.checkInAnswerWindow()));
		});
	}

	@Test
	void clientAskedWithinTheWindowIsNotAskedAgainAtTheHeadOfTheLine() {
		QueueEntry entry = waiting();
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(30)), SETTINGS);

		assertThat(entry.askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(40)), Duration.ofDays(14), SETTINGS))
			.isFalse();
		assertThat(entry.askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(45)), Duration.ofDays(14), SETTINGS)).isTrue();
	}

	@Test
	void headOfLineCheckInIsForgottenWhenTheClientWaitsAgain() {
		QueueEntry entry = waiting();
		entry.askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(5)), Duration.ofDays(14), SETTINGS);
		entry.proposed(proposal("r-1"));
		entry.on(new ProposalExpiredV1("r-1", "p-1", "t-07", REGISTERED.plus(Duration.ofDays(30))), null);

		assertThat(entry.askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(31)), Duration.ofDays(14), SETTINGS)).isTrue();
	}

	@Test
	void withCheckInsTurnedOffNobodyIsAskedAtTheHeadOfTheLine() {
		TimerSettings off = new TimerSettings(Duration.ofDays(30), Duration.ofDays(14), 2, Duration.ofDays(7),
				Duration.ofDays(21), Map.of(), Duration.ofDays(45), Duration.ofSeconds(30), null, true, false);

		assertThat(waiting().askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(5)), Duration.ofDays(14), off)).isFalse();
	}

	@Test
	void replayedHeadOfLineCheckInStillCountsAsTheOneOfThisWait() {
		QueueEntry live = waiting();
		live.askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(5)), Duration.ofDays(14), SETTINGS);
		CheckInDueV1 asked = (CheckInDueV1) live.raisedEvents()
			.stream()
			.filter(CheckInDueV1.class::isInstance)
			.findFirst()
			.orElseThrow();
		QueueEntry replayed = waiting();
		replayed.replaying();

		replayed.on(asked, null);

		assertThat(replayed.askAtHeadOfLine(REGISTERED.plus(Duration.ofDays(30)), Duration.ofDays(14), SETTINGS))
			.isFalse();
	}

	@Test
	void stateHeldLongerThanTheOrganizationsLimitRemindsTheCoordinatorOnce() {
		QueueEntry entry = new QueueEntry("r-1");
		entry.registered(submitted("r-1"));
		entry.proposed(proposal("r-1"));
		entry.confirm(REGISTERED.plus(Duration.ofDays(1)));

		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(11)), SETTINGS);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(12)), SETTINGS);

		assertThat(reviews(entry)).containsExactly(ReviewRequestedV1.Cause.STATE_TOO_LONG);
	}

	@Test
	void waitNearingSixtyDaysIsFlaggedOnce() {
		QueueEntry entry = waiting();

		assertThat(entry.atSixtyDayRisk(REGISTERED.plus(Duration.ofDays(44)), SETTINGS.sixtyDayRiskAfter())).isFalse();
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(45)), SETTINGS);
		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(46)), SETTINGS);

		assertThat(entry.atSixtyDayRisk(REGISTERED.plus(Duration.ofDays(45)), SETTINGS.sixtyDayRiskAfter())).isTrue();
		assertThat(reviews(entry)).containsOnlyOnce(ReviewRequestedV1.Cause.SIXTY_DAY_RISK);
	}

	@Test
	void closingATherapyNeverStartedIsRefusedNamingTheState() {
		QueueEntry entry = proposed();

		assertThatExceptionOfType(ActionNotAllowedException.class)
			.isThrownBy(() -> entry.end(REGISTERED.plus(Duration.ofDays(1))))
			.satisfies(ex -> assertThat(ex.current()).isEqualTo(QueueStatus.PROPOSED))
			.satisfies(ex -> assertThat(ex.action()).isEqualTo(CoordinatorAction.END));
	}

	@Test
	void rematchKeepsTheOriginalRegistrationDate() {
		QueueEntry entry = proposed();
		entry.confirm(REGISTERED.plus(Duration.ofDays(1)));
		entry.firstSession(REGISTERED.plus(Duration.ofDays(8)));

		entry.rematch("Not a fit", REGISTERED.plus(Duration.ofDays(22)));

		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.registeredAt()).isEqualTo(REGISTERED);
		assertThat(entry.raisedEvents()).filteredOn(RematchRequestedV1.class::isInstance)
			.singleElement()
			.satisfies(event -> assertThat(((RematchRequestedV1) event).registeredAt()).isEqualTo(REGISTERED));
	}

	@Test
	void replayingTheClientsAnswerAndItsDecisionGivesTheSameEntryAsLive() {
		QueueEntry live = proposed();
		ClientAnsweredV1 accept = new ClientAnsweredV1("r-1", ClientAnsweredV1.Subject.PROPOSAL, "p-1",
				ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK, REGISTERED.plus(Duration.ofDays(2)));
		live.changed();
		live.clientAnswered(accept, true);
		ProposalConfirmedV1 decision = (ProposalConfirmedV1) live.raisedEvents().get(0);

		QueueEntry replayed = proposed();
		replayed.replaying();
		replayed.changed();
		replayed.clientAnswered(accept, true);
		assertThat(replayed.raisedEvents()).isEmpty();
		replayed.on(decision, null);

		assertThat(replayed.status()).isEqualTo(QueueStatus.CONFIRMED).isEqualTo(live.status());
		assertThat(replayed.revision()).isEqualTo(live.revision());
		assertThat(replayed.steps()).isEqualTo(live.steps());
	}

	@Test
	void clientsAnswerToAProposalAlreadyDeclinedChangesNothingAndSaysSo() {
		QueueEntry entry = proposed();
		entry.decline("La cliente a changé d'avis", REGISTERED.plus(Duration.ofDays(1)));

		entry.clientAnswered(new ClientAnsweredV1("r-1", ClientAnsweredV1.Subject.PROPOSAL, "p-1",
				ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK, REGISTERED.plus(Duration.ofDays(2))),
				true);

		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.steps()).extracting(Step::what).endsWith(StepKind.ANSWER_UNUSED);
	}

	@Test
	void proposalOlderThanTheCurrentOneIsIgnored() {
		QueueEntry entry = proposed();
		ProposalMadeV1 current = proposal("r-1");

		entry.proposed(new ProposalMadeV1("r-1", "p-0", "t-03", current.organizationId(), current.modality(),
				current.slot(), current.explanation(), current.proposedAt().minusSeconds(1), null, null));

		assertThat(entry.currentProposal()).isEqualTo(current);
		assertThat(entry.therapistId()).isEqualTo("t-07");
		assertThat(entry.steps()).extracting(Step::what).contains(StepKind.PROPOSAL_IGNORED);
	}

	private static QueueEntry proposed() {
		QueueEntry entry = new QueueEntry("r-1");
		entry.registered(submitted("r-1"));
		entry.proposed(proposal("r-1"));
		return entry;
	}

	private static QueueEntry waiting() {
		QueueEntry entry = new QueueEntry("r-1");
		entry.registered(submitted("r-1"));
		entry.noMatch(noMatch("r-1", REGISTERED));
		return entry;
	}

	private static List<ReviewRequestedV1.Cause> reviews(QueueEntry entry) {
		return entry.raisedEvents()
			.stream()
			.filter(ReviewRequestedV1.class::isInstance)
			.map(event -> ((ReviewRequestedV1) event).cause())
			.toList();
	}

	static NoMatchFoundV1 noMatch(String id, Instant at) {
		return new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 40, at);
	}

	@Test
	void registrationKeepsTheFeeBandTheSlidingScaleGave() {
		QueueEntry lowFee = new QueueEntry("r-1");
		QueueEntry regular = new QueueEntry("r-2");
		QueueEntry noScale = new QueueEntry("r-3");

		lowFee.registered(submitted("r-1", new SessionFee(2000, true, "scale-laval", "2026-01")));
		regular.registered(submitted("r-2", new SessionFee(9000, false, "scale-laval", "2026-01")));
		noScale.registered(submitted("r-3"));

		assertThat(lowFee.registration().feeBand()).isEqualTo(FeeBand.LOW_FEE);
		assertThat(regular.registration().feeBand()).isEqualTo(FeeBand.REGULAR);
		assertThat(noScale.registration().feeBand()).isEqualTo(FeeBand.UNKNOWN);
		assertThat(new QueueEntry("r-4").registration().feeBand()).isEqualTo(FeeBand.UNKNOWN);
	}

	@Test
	void referralWithoutPartnerIsASelfReferral() {
		QueueEntry self = new QueueEntry("r-1");
		QueueEntry partner = new QueueEntry("r-2");

		ReferralSubmittedV1 byPartner = submitted("r-2");
		self.registered(new ReferralSubmittedV1("r-1", REGISTERED, IntakeChannel.SELF_REFERRAL, null, null, "fr",
				byPartner.languages(), byPartner.clientele(), byPartner.approaches(), false, byPartner.modality(),
				byPartner.availability(), null, "H2M", List.of(), null, null));
		partner.registered(byPartner);

		assertThat(self.selfReferred()).isTrue();
		assertThat(partner.selfReferred()).isFalse();
	}

	static ReferralSubmittedV1 submitted(String id, SessionFee fee) {
		return new ReferralSubmittedV1(id, REGISTERED, IntakeChannel.PARTNER_API, "clsc-ahuntsic", null, "fr",
				List.of("fr", "es"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(), fee, null);
	}

	static ReferralSubmittedV1 submitted(String id) {
		return new ReferralSubmittedV1(id, REGISTERED, IntakeChannel.PARTNER_API, "clsc-ahuntsic", null, "fr",
				List.of("fr", "es"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(), null, null);
	}

	static ProposalMadeV1 proposal(String id) {
		return new ProposalMadeV1(id, "p-1", "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0),
				REGISTERED.plusSeconds(2), "Camille", "Centre St-Pierre");
	}

}

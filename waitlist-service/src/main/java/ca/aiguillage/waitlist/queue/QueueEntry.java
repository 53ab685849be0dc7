package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.FollowUpRecordedV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ProposalOverriddenV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2.ClosedBy;
import ca.aiguillage.contracts.waitlist.ReferralTakenV1;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1.Cause;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import ca.aiguillage.waitlist.queue.TimerSchedule.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * One referral in the queue: its state, its timeline and its timers, all derived from
 * events. Events from different topics may arrive in any order, so each reaction fills in
 * what it knows without undoing what a later step already set. This service's own
 * decisions are events too ({@link #decide}): applied here and published, so that
 * replaying every topic rebuilds the same entry. The state machine is
 * {@link CoordinatorAction}, intake's facts {@link Registration}, the timeline
 * {@link Timeline}, the check-ins {@link CheckIns} and the timers {@link TimerSchedule};
 * all are kept in one document.
 * <p>
 * Longer than 300 lines on purpose: what is left here is what moves the state itself
 * (each reaction to another service's event, each decision and its replay), which must
 * share one guard against moving backwards and one revision.
 */
@Document("queue")
public class QueueEntry extends Aggregate {

	/**
	 * What marks a referral linked on arrival as a self-referral in its step's detail.
	 */
	public static final String SELF_REFERRAL = "-";

	private @Nullable QueueStatus status;

	private @Nullable Instant registeredAt;

	private @Nullable String organizationId;

	/** The organizations that held the referral before, which may still read it. */
	private List<String> formerOrganizationIds = new ArrayList<>();

	private @Nullable String partnerId;

	@Unwrapped.Empty
	private Registration registration = new Registration();

	private @Nullable Priority priority;

	private @Nullable ProposalMadeV1 proposal;

	private @Nullable String therapistId;

	/**
	 * The organization whose video place of the network's pool the current proposal or
	 * therapy is in: it reads the referral, which stays with its own organization.
	 */
	private @Nullable String hostOrganizationId;

	private List<String> noMatchReasons = List.of();

	private boolean waitlistAnnounced;

	private @Nullable Instant stateSince;

	/** Intake's open doubt that this is another referral's person. */
	private @Nullable PossibleDuplicate possibleDuplicate;

	/** The referral a coordinator found to be the same person's, once linked to it. */
	private @Nullable String duplicateOf;

	private long revision;

	@Unwrapped.Empty
	private Timeline timeline = new Timeline();

	private List<ReviewCause> reviewCauses = new ArrayList<>();

	@Unwrapped.Empty
	private CheckIns checkIns = new CheckIns();

	private @Nullable Instant stateReviewedSince;

	private boolean sixtyDayRiskFlagged;

	private @Nullable Instant nextTimerAt;

	/** Every proposal matching made, to tell a late one from one still to come. */
	private List<String> proposalIds = new ArrayList<>();

	/** Clients' answers that came before their proposal. */
	private List<ClientAnsweredV1> parkedAnswers = new ArrayList<>();

	/** Events that came before the referral did, in their order. */
	private List<ParkedEvent> parkedEvents = new ArrayList<>();

	@Transient
	private boolean replaying;

	@PersistenceCreator
	public QueueEntry(String id) {
		super(id);
	}

	/**
	 * Applies events as a replay: the state follows them, but decisions are not made
	 * again, since this service's own events are replayed as well.
	 */
	void replaying() {
		this.replaying = true;
	}

	// Intake's and matching's events.

	void registered(ReferralSubmittedV1 submitted) {
		this.registeredAt = submitted.submittedAt();
		this.partnerId = submitted.partnerId();
		this.registration.registered(submitted);
		this.priority = submitted.priority();
		if (this.organizationId == null) {
			this.organizationId = submitted.organizationId();
		}
		if (this.status == null) {
			moveTo(QueueStatus.SUBMITTED, submitted.submittedAt());
		}
		step(submitted.submittedAt(), StepKind.SUBMITTED, submitted.intakeChannel().name());
		announceWaitlisted(submitted.submittedAt());
	}

	void proposed(ProposalMadeV1 proposal) {
		if (stale(proposal)) {
			// States never move backwards: the proposal is kept on the timeline only,
			// since matching may still hold its place.
			this.proposalIds.add(proposal.proposalId());
			step(proposal.proposedAt(), StepKind.PROPOSAL_IGNORED, proposal.therapistId());
			parkedAnswerTo(proposal.proposalId()).forEach(this::unusedAnswer);
			return;
		}
		this.proposalIds.add(proposal.proposalId());
		step(proposal.proposedAt(), StepKind.PROPOSAL_MADE, proposal.therapistId());
		this.proposal = proposal;
		this.therapistId = proposal.therapistId();
		if (proposal.explanation().videoPool() != null) {
			// A place lent by the network's pool: the client stays their organization's.
			this.hostOrganizationId = proposal.organizationId();
		}
		else {
			this.hostOrganizationId = null;
			heldBy(proposal.organizationId());
		}
		moveTo(QueueStatus.PROPOSED, proposal.proposedAt());
		parkedAnswerTo(proposal.proposalId()).forEach(this::answeredProposal);
	}

	private boolean stale(ProposalMadeV1 proposal) {
		return !proposable() || this.proposalIds.contains(proposal.proposalId())
				|| (this.proposal != null && proposal.proposedAt().isBefore(this.proposal.proposedAt()));
	}

	/** Whether a proposal may still move the referral: before registration, too. */
	private boolean proposable() {
		return this.status == null || QueueStatus.PROPOSABLE.contains(this.status);
	}

	private List<ClientAnsweredV1> parkedAnswerTo(String proposalId) {
		List<ClientAnsweredV1> answers = this.parkedAnswers.stream()
			.filter(answer -> answer.subjectId().equals(proposalId))
			.toList();
		this.parkedAnswers.removeAll(answers);
		return answers;
	}

	void noMatch(NoMatchFoundV1 noMatch) {
		step(noMatch.examinedAt(), StepKind.NO_MATCH, String.join(",", noMatch.reasons()));
		if (this.status != null && this.status != QueueStatus.SUBMITTED && this.status != QueueStatus.WAITING) {
			return;
		}
		this.noMatchReasons = noMatch.reasons();
		enterWaiting(noMatch.examinedAt());
		announceWaitlisted(noMatch.examinedAt());
	}

	void redirected(ReferralRedirectedV1 redirected) {
		if (this.organizationId == null) {
			this.organizationId = redirected.organizationId();
		}
		this.partnerId = redirected.partnerId();
		step(redirected.redirectedAt(), StepKind.REDIRECTED_AT_INTAKE, null);
		if (this.status == null || this.status.isOpen()) {
			moveTo(QueueStatus.REDIRECTED, redirected.redirectedAt());
		}
		if (!this.reviewCauses.contains(ReviewCause.CRISIS_FOLLOW_UP)) {
			// The client was sent to crisis resources, and their message may not have
			// reached them: a coordinator makes sure someone followed up.
			this.reviewCauses.add(ReviewCause.CRISIS_FOLLOW_UP);
		}
	}

	void withdrawn(ReferralWithdrawnV1 withdrawn) {
		step(withdrawn.withdrawnAt(), StepKind.WITHDRAWN, withdrawn.withdrawnBy().name());
		if (this.status != null && this.status.isOpen()) {
			moveTo(QueueStatus.WITHDRAWN, withdrawn.withdrawnAt());
		}
	}

	void linked(ReferralLinkedToOpenV1 linked) {
		// Its referrer beside its id: it never reached the queue, so its page names it
		// from this step alone.
		step(linked.linkedAt(), StepKind.DUPLICATE_LINKED, linkedDetail(linked.referralId(), linked.partnerId()));
	}

	/**
	 * A referral linked on arrival, as its step's detail says it: its id, then its
	 * partner's id or {@value #SELF_REFERRAL} (steps recorded before carry the id alone).
	 */
	static String linkedDetail(String referralId, @Nullable String partnerId) {
		return referralId + " " + ((partnerId != null) ? partnerId : SELF_REFERRAL);
	}

	/** Perhaps the same person as another open referral: a coordinator decides. */
	void possibleDuplicateFlagged(PossibleDuplicateFlaggedV1 flagged) {
		this.possibleDuplicate = new PossibleDuplicate(flagged.otherReferralId(), flagged.matchedOn(),
				flagged.flaggedAt());
	}

	/**
	 * Found to be the same person as another open referral: this one leaves the queue.
	 */
	void duplicateResolved(PossibleDuplicateResolvedV1 resolved) {
		this.possibleDuplicate = null;
		if (resolved.resolution() != PossibleDuplicateResolvedV1.Resolution.LINKED) {
			return;
		}
		step(resolved.resolvedAt(), StepKind.DUPLICATE_LINKED, resolved.otherReferralId());
		this.duplicateOf = resolved.otherReferralId();
		if (this.status != null && this.status.isOpen()) {
			moveTo(QueueStatus.CLOSED, resolved.resolvedAt());
		}
	}

	/**
	 * The coordinator's choice could not be applied: recorded, the current proposal
	 * stays.
	 */
	void overrideRefused(OverrideRefusedV1 refused) {
		step(refused.refusedAt(), StepKind.OVERRIDE_REFUSED, refused.reasonCode().name());
	}

	void placeReleased(PlaceReleasedV1 released) {
		step(released.releasedAt(), StepKind.PLACE_RELEASED, released.cause().name());
	}

	/**
	 * A client's answer to a proposal or a check-in.
	 * @param closeWhenNoLongerNeeded whether « no longer needed » closes the referral
	 * (else a coordinator is asked to)
	 */
	void clientAnswered(ClientAnsweredV1 answer, boolean closeWhenNoLongerNeeded) {
		step(answer.answeredAt(), StepKind.CLIENT_ANSWERED, answer.subject() + ":" + answer.answer());
		switch (answer.subject()) {
			case PROPOSAL -> answeredProposal(answer);
			case CHECK_IN -> answeredCheckIn(answer, closeWhenNoLongerNeeded);
		}
	}

	private void answeredProposal(ClientAnsweredV1 answer) {
		boolean current = this.proposal != null && this.proposal.proposalId().equals(answer.subjectId());
		if (!current && !this.proposalIds.contains(answer.subjectId()) && proposable()) {
			// The client answered a proposal this service has not heard of yet: the
			// link is used, so the answer must wait for it.
			this.parkedAnswers.add(answer);
			step(answer.answeredAt(), StepKind.ANSWER_PARKED, answer.subjectId());
			return;
		}
		if (!current || this.status != QueueStatus.PROPOSED) {
			unusedAnswer(answer);
			return;
		}
		ProposalMadeV1 answered = proposal();
		switch (answer.answer()) {
			case ACCEPT -> decide(new ProposalConfirmedV1(getId(), answered.proposalId(), answered.therapistId(),
					ProposalConfirmedV1.DecidedBy.CLIENT, answer.answeredAt()));
			case DECLINE -> decide(new ProposalDeclinedV1(getId(), answered.proposalId(), answered.therapistId(),
					ProposalDeclinedV1.DecidedBy.CLIENT, answer.answeredAt()));
			default -> {
				// A check-in's answers say nothing about a proposal.
			}
		}
	}

	private void unusedAnswer(ClientAnsweredV1 answer) {
		// The proposal is gone or was decided otherwise: the timeline says why the
		// client's answer changed nothing.
		step(answer.answeredAt(), StepKind.ANSWER_UNUSED, answer.subjectId() + ":" + answer.answer());
	}

	private void answeredCheckIn(ClientAnsweredV1 answer, boolean closeWhenNoLongerNeeded) {
		this.checkIns.answered(answer.subjectId());
		if (answer.answer() == ClientAnsweredV1.Answer.WORSE && this.status != null && this.status.isOpen()) {
			// The client gets the crisis resources from notification-service; a
			// coordinator must look at once.
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.WORSENED, answer.answeredAt()));
		}
		else if (answer.answer() == ClientAnsweredV1.Answer.NO_LONGER_NEEDED && closeWhenNoLongerNeeded
				&& CoordinatorAction.leavableFrom(this.status)) {
			// The client's own word closes the referral: no coordinator needs to.
			decide(new ReferralLeftQueueV2(getId(), ReferralLeftQueueV2.Outcome.NO_LONGER_NEEDED, ClosedBy.CLIENT,
					answer.answeredAt()));
		}
		else if (answer.answer() == ClientAnsweredV1.Answer.NO_LONGER_NEEDED && this.status != null
				&& this.status.isOpen() && !this.reviewCauses.contains(ReviewCause.NO_LONGER_NEEDED)) {
			// Turned off, or already in therapy: a coordinator decides what the answer
			// means.
			this.reviewCauses.add(ReviewCause.NO_LONGER_NEEDED);
		}
	}

	void deliveryFailed(DeliveryRecordedV1 delivery) {
		step(delivery.recordedAt(), StepKind.DELIVERY_FAILED, delivery.reasonCode());
		if (this.status != null && this.status.isOpen()
				&& !this.reviewCauses.contains(ReviewCause.NO_REACHABLE_CHANNEL)) {
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.NO_REACHABLE_CHANNEL,
					delivery.recordedAt()));
		}
	}

	// Coordinators' decisions: each returns the step it recorded, with the reason given.

	public Step confirm(Instant now) {
		require(CoordinatorAction.CONFIRMATION);
		requireProposal(CoordinatorAction.CONFIRMATION);
		return decided(new ProposalConfirmedV1(getId(), proposal().proposalId(), proposal().therapistId(),
				ProposalConfirmedV1.DecidedBy.COORDINATOR, now), null);
	}

	public Step override(String therapist, List<String> brokenConstraints, @Nullable String reason, Instant now) {
		require(CoordinatorAction.OVERRIDE);
		String replaced = (this.proposal != null) ? this.proposal.proposalId() : null;
		return decided(new ProposalOverriddenV1(getId(), replaced, therapist, List.copyOf(brokenConstraints), now),
				reason);
	}

	public Step decline(@Nullable String reason, Instant now) {
		require(CoordinatorAction.DECLINE);
		requireProposal(CoordinatorAction.DECLINE);
		return decided(new ProposalDeclinedV1(getId(), proposal().proposalId(), proposal().therapistId(),
				ProposalDeclinedV1.DecidedBy.COORDINATOR, now), reason);
	}

	public Step firstSession(Instant startedAt) {
		require(CoordinatorAction.FIRST_SESSION);
		return decided(new TherapyStartedV1(getId(), therapist(), startedAt), null);
	}

	public Step end(Instant endedAt) {
		require(CoordinatorAction.END);
		return decided(new TherapyEndedV1(getId(), therapist(), endedAt), null);
	}

	public Step leave(ReferralLeftQueueV1.Outcome outcome, @Nullable String reason, Instant now) {
		require(CoordinatorAction.leaving(outcome));
		return decided(
				new ReferralLeftQueueV2(getId(), ReferralLeftQueueV2.Outcome.of(outcome), ClosedBy.COORDINATOR, now),
				reason);
	}

	/**
	 * Takes a referral no organization holds yet into an organization's queue.
	 * @param organization the taking coordinator's organization
	 */
	public Step take(String organization, Instant now) {
		require(CoordinatorAction.TAKE);
		if (this.organizationId != null) {
			throw new ActionNotAllowedException(CoordinatorAction.TAKE, status());
		}
		return decided(new ReferralTakenV1(getId(), organization, now), null);
	}

	/**
	 * The actions a caller with this access may take now.
	 * @return the actions, in the console's order
	 */
	public List<CoordinatorAction> actionsFor(QueueEntries.Access access) {
		List<CoordinatorAction> actions = new ArrayList<>();
		if (access == QueueEntries.Access.HOLDER) {
			actions.addAll(CoordinatorAction.allowedFor(this.status));
		}
		if ((access == QueueEntries.Access.HOLDER || access == QueueEntries.Access.NETWORK)) {
			if (this.organizationId == null && CoordinatorAction.TAKE.allowedIn(this.status)) {
				actions.add(CoordinatorAction.TAKE);
			}
			if (this.reviewCauses.contains(ReviewCause.CRISIS_FOLLOW_UP)) {
				actions.add(CoordinatorAction.FOLLOW_UP);
			}
		}
		return actions;
	}

	/** Records that someone followed up a referral redirected to crisis resources. */
	public Step followUp(String note, Instant now) {
		if (!this.reviewCauses.contains(ReviewCause.CRISIS_FOLLOW_UP)) {
			throw new ActionNotAllowedException(CoordinatorAction.FOLLOW_UP,
					(this.status != null) ? this.status : QueueStatus.SUBMITTED);
		}
		return decided(new FollowUpRecordedV1(getId(), now), note);
	}

	public Step reprioritise(Priority newPriority, @Nullable String reason, Instant now) {
		require(CoordinatorAction.PRIORITY);
		return decided(new ReprioritisedV1(getId(), newPriority, now), reason);
	}

	public Step rematch(@Nullable String reason, Instant now) {
		require(CoordinatorAction.REMATCH);
		return decided(new RematchRequestedV1(getId(), therapist(), registeredAtOrThrow(), now), reason);
	}

	/**
	 * Checks the version a coordinator acted on.
	 * @param expected the revision the coordinator saw, or null to skip the check
	 * @throws RevisionConflictException when the referral changed since
	 */
	public void expectRevision(@Nullable Long expected) {
		if (expected != null && expected != this.revision) {
			throw new RevisionConflictException(this.revision);
		}
	}

	private void requireProposal(CoordinatorAction action) {
		if (this.proposal == null) {
			// An override waits for matching to reserve the chosen therapist's place.
			throw new ActionNotAllowedException(action, QueueStatus.PROPOSED);
		}
	}

	private void require(CoordinatorAction action) {
		if (!action.allowedIn(this.status)) {
			throw new ActionNotAllowedException(action, (this.status != null) ? this.status : QueueStatus.SUBMITTED);
		}
	}

	// Timers.

	/** Fires the timers due now, each as an event. */
	void fireDueTimers(Instant now, TimerSettings settings) {
		for (Timer timer : Timer.values()) {
			Instant due = TimerSchedule.dueAt(timer, this, settings);
			if (due != null && !now.isBefore(due)) {
				fire(timer, due, now, settings);
			}
		}
	}

	private void fire(Timer timer, Instant due, Instant now, TimerSettings settings) {
		switch (timer) {
			// An unanswered proposal must not hold a place that another waiting client
			// could take.
			case PROPOSAL_EXPIRY ->
				decide(new ProposalExpiredV1(getId(), proposal().proposalId(), proposal().therapistId(), now));
			case CHECK_IN -> decide(new CheckInDueV1(getId(), UUID.randomUUID().toString(),
					this.checkIns.sequence() + 1, due, due.plus(settings.checkInAnswerWindow())));
			case NO_ANSWER_REVIEW ->
				decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.NO_CHECK_IN_ANSWER, now));
			case STATE_TOO_LONG ->
				decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.STATE_TOO_LONG, now));
			case SIXTY_DAY_RISK ->
				decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.SIXTY_DAY_RISK, now));
		}
	}

	/**
	 * Asks a waiting client at the head of a likely line whether they are still
	 * available, before a place is offered: the same check-in as the interval's, once a
	 * wait.
	 * @param window no check-in of this wait fell due within it
	 * @return whether the client was asked
	 */
	boolean askAtHeadOfLine(Instant now, Duration window, TimerSettings settings) {
		if (this.status != QueueStatus.WAITING || !settings.checkInsEnabled()
				|| !this.checkIns.askableAtHeadOfLine(now, window)) {
			return false;
		}
		decide(new CheckInDueV1(getId(), UUID.randomUUID().toString(), this.checkIns.sequence() + 1, now,
				now.plus(settings.checkInAnswerWindow()), CheckInDueV1.Trigger.HEAD_OF_LINE));
		return true;
	}

	/** Works out when the next timer falls due, for the poller's query. */
	void schedule(TimerSettings settings) {
		this.nextTimerAt = TimerSchedule.next(this, settings);
	}

	// This service's own events: how each changes the entry, live or replayed.

	/**
	 * Applies one of this service's own events.
	 * @param reason the coordinator's reason for a decision, kept on its step, or null
	 * @return the step it recorded
	 */
	Step on(WaitlistEvent event, @Nullable String reason) {
		this.revision++;
		return switch (event) {
			case WaitlistedV1 waitlisted -> {
				this.waitlistAnnounced = true;
				yield step(waitlisted.waitlistedAt(), StepKind.WAITLISTED, null, reason);
			}
			case ProposalConfirmedV1 confirmed -> {
				this.therapistId = confirmed.therapistId();
				moveTo(QueueStatus.CONFIRMED, confirmed.confirmedAt());
				yield step(confirmed.confirmedAt(), StepKind.PROPOSAL_CONFIRMED, confirmed.decidedBy().name(), reason);
			}
			case ProposalOverriddenV1 overridden -> {
				// Matching reserves a place with the chosen therapist and proposes them:
				// the client or a coordinator then confirms that proposal.
				this.proposal = null;
				this.therapistId = overridden.therapistId();
				moveTo(QueueStatus.PROPOSED, overridden.overriddenAt());
				yield step(overridden.overriddenAt(), StepKind.PROPOSAL_OVERRIDDEN,
						overridden.therapistId() + " " + String.join(",", overridden.brokenConstraints()), reason);
			}
			case ProposalDeclinedV1 declined -> {
				backToWaiting(declined.declinedAt());
				yield step(declined.declinedAt(), StepKind.PROPOSAL_DECLINED, declined.decidedBy().name(), reason);
			}
			case ProposalExpiredV1 expired -> {
				backToWaiting(expired.expiredAt());
				yield step(expired.expiredAt(), StepKind.PROPOSAL_EXPIRED, null, reason);
			}
			case TherapyStartedV1 started -> {
				moveTo(QueueStatus.IN_THERAPY, started.startedAt());
				yield step(started.startedAt(), StepKind.THERAPY_STARTED, started.therapistId(), reason);
			}
			case TherapyEndedV1 ended -> {
				moveTo(QueueStatus.CLOSED, ended.endedAt());
				yield step(ended.endedAt(), StepKind.THERAPY_ENDED, ended.therapistId(), reason);
			}
			case RematchRequestedV1 rematch -> {
				backToWaiting(rematch.requestedAt());
				yield step(rematch.requestedAt(), StepKind.REMATCH_REQUESTED, rematch.therapistId(), reason);
			}
			// Published before V2: replayed from the topic, it reads as V2 does.
			case ReferralLeftQueueV1 left -> {
				moveTo(QueueStatus.after(ReferralLeftQueueV2.of(left).outcome()), left.leftAt());
				yield step(left.leftAt(), StepKind.LEFT_QUEUE, left.outcome().name(), reason);
			}
			case ReferralLeftQueueV2 left -> {
				moveTo(QueueStatus.after(left.outcome()), left.leftAt());
				yield step(left.leftAt(), StepKind.LEFT_QUEUE, left.outcome() + ":" + left.closedBy(), reason);
			}
			case ReprioritisedV1 reprioritised -> {
				this.priority = reprioritised.priority();
				yield step(reprioritised.reprioritisedAt(), StepKind.REPRIORITISED, reprioritised.priority().name(),
						reason);
			}
			case CheckInDueV1 checkIn -> {
				this.checkIns.due(checkIn);
				yield step(checkIn.dueAt(), StepKind.CHECK_IN_DUE, Integer.toString(checkIn.sequence()), reason);
			}
			case ReferralTakenV1 taken -> {
				heldBy(taken.organizationId());
				yield step(taken.takenAt(), StepKind.REFERRAL_TAKEN, taken.organizationId(), reason);
			}
			case FollowUpRecordedV1 followUp -> {
				this.reviewCauses.remove(ReviewCause.CRISIS_FOLLOW_UP);
				yield step(followUp.recordedAt(), StepKind.FOLLOW_UP_RECORDED, null, reason);
			}
			case ReviewRequestedV1 review -> {
				switch (review.cause()) {
					case NO_CHECK_IN_ANSWER -> this.checkIns.reviewedNoAnswer();
					case STATE_TOO_LONG -> this.stateReviewedSince = this.stateSince;
					case SIXTY_DAY_RISK -> this.sixtyDayRiskFlagged = true;
					case WORSENED, NO_REACHABLE_CHANNEL -> {
						// Flagged below, like every cause.
					}
				}
				ReviewCause cause = ReviewCause.of(review.cause());
				if (!this.reviewCauses.contains(cause)) {
					this.reviewCauses.add(cause);
				}
				yield step(review.requestedAt(), StepKind.REVIEW_REQUESTED, review.cause().name(), reason);
			}
		};
	}

	/**
	 * Makes a decision: applies this service's event and publishes it, unless replaying,
	 * where the event itself is replayed.
	 */
	private void decide(WaitlistEvent event) {
		if (this.replaying) {
			return;
		}
		on(event, null);
		raise(event);
	}

	private Step decided(WaitlistEvent event, @Nullable String reason) {
		Step step = on(event, reason);
		raise(event);
		return step;
	}

	/**
	 * Whether an opening event (intake's or matching's) has placed the referral in the
	 * queue.
	 */
	boolean opened() {
		return this.status != null;
	}

	/** Keeps an event that needs the referral until an opening event comes. */
	void park(ParkedEvent event) {
		this.parkedEvents.add(event);
	}

	/** The events kept before the referral came, oldest first, now to be applied. */
	List<ParkedEvent> unpark() {
		List<ParkedEvent> parked = List.copyOf(this.parkedEvents);
		this.parkedEvents.clear();
		return parked;
	}

	/** Counts a change coming from another service's event. */
	void changed() {
		this.revision++;
	}

	private void announceWaitlisted(Instant now) {
		// The announcement needs the registration date, which may arrive after matching's
		// answer.
		if (this.status == QueueStatus.WAITING && this.registeredAt != null && !this.waitlistAnnounced) {
			decide(new WaitlistedV1(getId(), this.registeredAt, now));
		}
	}

	private void heldBy(String organization) {
		if (this.organizationId != null && !this.organizationId.equals(organization)
				&& !this.formerOrganizationIds.contains(this.organizationId)) {
			this.formerOrganizationIds.add(this.organizationId);
		}
		this.organizationId = organization;
	}

	private void backToWaiting(Instant at) {
		this.proposal = null;
		this.therapistId = null;
		this.hostOrganizationId = null;
		enterWaiting(at);
	}

	private void enterWaiting(Instant at) {
		if (this.status != QueueStatus.WAITING) {
			this.checkIns.newWait(at);
		}
		moveTo(QueueStatus.WAITING, at);
	}

	private void moveTo(QueueStatus next, Instant at) {
		if (this.status != next) {
			this.status = next;
			this.stateSince = at;
		}
	}

	private Step step(Instant at, StepKind what, @Nullable String detail) {
		return step(at, what, detail, null);
	}

	private Step step(Instant at, StepKind what, @Nullable String detail, @Nullable String reason) {
		return this.timeline.record(at, what, detail, reason);
	}

	private ProposalMadeV1 proposal() {
		if (this.proposal == null) {
			throw new IllegalStateException("no current proposal");
		}
		return this.proposal;
	}

	private String therapist() {
		if (this.therapistId == null) {
			throw new IllegalStateException("no therapist assigned");
		}
		return this.therapistId;
	}

	private Instant registeredAtOrThrow() {
		if (this.registeredAt == null) {
			throw new IllegalStateException("registration not known yet");
		}
		return this.registeredAt;
	}

	public @Nullable QueueStatus status() {
		return this.status;
	}

	public @Nullable Instant registeredAt() {
		return this.registeredAt;
	}

	public @Nullable String organizationId() {
		return this.organizationId;
	}

	/** The organizations that held the referral before the one holding it now. */
	public List<String> formerOrganizationIds() {
		return List.copyOf(this.formerOrganizationIds);
	}

	public @Nullable String partnerId() {
		return this.partnerId;
	}

	/** What intake registered about the client's needs. */
	public Registration registration() {
		return this.registration;
	}

	/** Whether the client referred themself rather than through a partner. */
	public boolean selfReferred() {
		return this.registration.selfReferral() || this.partnerId == null;
	}

	/**
	 * Intake's doubt that this is another referral's person, until a coordinator decides.
	 * @return the doubt, or null when there is none
	 */
	public @Nullable PossibleDuplicate possibleDuplicate() {
		return this.possibleDuplicate;
	}

	/**
	 * The referral this one turned out to duplicate: the person's wait is counted there,
	 * never twice.
	 * @return the other referral's id, or null when this one is no linked duplicate
	 */
	public @Nullable String duplicateOf() {
		return this.duplicateOf;
	}

	/**
	 * When the first session took place, the end of the wait.
	 * @return the first session, or null before it
	 */
	public @Nullable Instant firstSessionAt() {
		return this.timeline.firstAt(StepKind.THERAPY_STARTED);
	}

	public @Nullable Priority priority() {
		return this.priority;
	}

	public @Nullable ProposalMadeV1 currentProposal() {
		return this.proposal;
	}

	public @Nullable String therapistId() {
		return this.therapistId;
	}

	/**
	 * The organization lending a video place of the network's pool to this referral.
	 * @return its id, or null when the place (if any) is in the referral's own
	 * organization
	 */
	public @Nullable String hostOrganizationId() {
		return this.hostOrganizationId;
	}

	public List<String> noMatchReasons() {
		return this.noMatchReasons;
	}

	public @Nullable Instant stateSince() {
		return this.stateSince;
	}

	public long revision() {
		return this.revision;
	}

	public List<Step> steps() {
		return this.timeline.steps();
	}

	public List<ReviewCause> reviewCauses() {
		return List.copyOf(this.reviewCauses);
	}

	CheckIns checkIns() {
		return this.checkIns;
	}

	@Nullable Instant stateReviewedSince() {
		return this.stateReviewedSince;
	}

	boolean sixtyDayRiskFlagged() {
		return this.sixtyDayRiskFlagged;
	}

	public @Nullable Instant nextTimerAt() {
		return this.nextTimerAt;
	}

	/**
	 * Whether this client will pass 60 days of waiting unless something changes.
	 * @param riskAfter the wait after which a referral not yet in therapy is at risk
	 * @return true when at risk
	 */
	public boolean atSixtyDayRisk(Instant now, Duration riskAfter) {
		return this.status != null && QueueStatus.BEFORE_THERAPY.contains(this.status) && this.registeredAt != null
				&& !now.isBefore(this.registeredAt.plus(riskAfter));
	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ProposalOverriddenV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1.Cause;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One referral in the queue: its state, its timeline and its timers, all derived from
 * events. Events from different topics may arrive in any order, so each reaction fills in
 * what it knows without undoing what a later step already set. This service's own
 * decisions are events too ({@link #decide}): applied here and published, so that
 * replaying every topic rebuilds the same entry.
 */
@Document("queue")
public class QueueEntry extends Aggregate {

	private static final Set<QueueStatus> LEAVABLE = EnumSet.of(QueueStatus.SUBMITTED, QueueStatus.WAITING,
			QueueStatus.PROPOSED, QueueStatus.CONFIRMED);

	/** Each coordinator action and the states it is allowed in: the state machine. */
	private static final Map<String, Set<QueueStatus>> ACTIONS = actions();

	private @Nullable QueueStatus status;

	private @Nullable Instant registeredAt;

	private @Nullable String organizationId;

	private @Nullable String partnerId;

	private @Nullable String postalPrefix;

	private @Nullable FeeBand feeBand;

	private @Nullable IntakeChannel intakeChannel;

	private List<String> languages = List.of();

	private List<Approach> approaches = List.of();

	private @Nullable Clientele clientele;

	private @Nullable Modality modality;

	private @Nullable Priority priority;

	private @Nullable ProposalMadeV1 proposal;

	private @Nullable String therapistId;

	private List<String> noMatchReasons = List.of();

	private boolean waitlistAnnounced;

	private @Nullable Instant stateSince;

	private long revision;

	private List<Step> steps = new ArrayList<>();

	private List<String> reviewCauses = new ArrayList<>();

	private @Nullable Instant waitingSince;

	private int checkInSequence;

	private @Nullable String checkInId;

	private @Nullable Instant checkInDueAt;

	private @Nullable Instant checkInAnswerBy;

	private boolean checkInAnswered;

	private int unansweredInARow;

	private @Nullable String noAnswerReviewedCheckInId;

	private @Nullable Instant stateReviewedSince;

	private boolean sixtyDayRiskFlagged;

	private @Nullable Instant nextTimerAt;

	@Transient
	private boolean replaying;

	@Transient
	private int lastStep = -1;

	private static Map<String, Set<QueueStatus>> actions() {
		Map<String, Set<QueueStatus>> actions = new LinkedHashMap<>();
		actions.put("confirmation", EnumSet.of(QueueStatus.PROPOSED));
		actions.put("decline", EnumSet.of(QueueStatus.PROPOSED));
		actions.put("override", EnumSet.of(QueueStatus.PROPOSED, QueueStatus.WAITING));
		actions.put("first-session", EnumSet.of(QueueStatus.CONFIRMED));
		actions.put("end", EnumSet.of(QueueStatus.IN_THERAPY));
		actions.put("rematch", EnumSet.of(QueueStatus.IN_THERAPY));
		actions.put("priority", LEAVABLE);
		actions.put("unreachable", LEAVABLE);
		actions.put("ineligible", LEAVABLE);
		actions.put("redirected", LEAVABLE);
		return Collections.unmodifiableMap(actions);
	}

	/**
	 * The coordinator actions a state allows.
	 * @param status the state
	 * @return the actions, in the console's order
	 */
	public static List<String> actionsAllowedIn(@Nullable QueueStatus status) {
		return ACTIONS.entrySet()
			.stream()
			.filter(action -> status != null && action.getValue().contains(status))
			.map(Map.Entry::getKey)
			.toList();
	}

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
		this.postalPrefix = submitted.postalPrefix();
		this.feeBand = FeeBand.of(submitted.fee());
		this.intakeChannel = submitted.intakeChannel();
		this.languages = submitted.languages();
		this.approaches = submitted.approaches();
		this.clientele = submitted.clientele();
		this.modality = submitted.modality();
		this.priority = submitted.priority();
		if (this.organizationId == null) {
			this.organizationId = submitted.organizationId();
		}
		if (this.status == null) {
			moveTo(QueueStatus.SUBMITTED, submitted.submittedAt());
		}
		step(submitted.submittedAt(), "SUBMITTED", submitted.intakeChannel().name(), null);
		announceWaitlisted(submitted.submittedAt());
	}

	void proposed(ProposalMadeV1 proposal) {
		step(proposal.proposedAt(), "PROPOSAL_MADE", proposal.therapistId(), null);
		if (this.status != null && !this.status.isOpen()) {
			return;
		}
		this.proposal = proposal;
		this.therapistId = proposal.therapistId();
		this.organizationId = proposal.organizationId();
		moveTo(QueueStatus.PROPOSED, proposal.proposedAt());
	}

	void noMatch(NoMatchFoundV1 noMatch) {
		step(noMatch.examinedAt(), "NO_MATCH", String.join(",", noMatch.reasons()), null);
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
		step(redirected.redirectedAt(), "REDIRECTED_AT_INTAKE", null, null);
		if (this.status == null || this.status.isOpen()) {
			moveTo(QueueStatus.REDIRECTED, redirected.redirectedAt());
		}
	}

	void withdrawn(ReferralWithdrawnV1 withdrawn) {
		step(withdrawn.withdrawnAt(), "WITHDRAWN", withdrawn.withdrawnBy().name(), null);
		if (this.status != null && this.status.isOpen()) {
			moveTo(QueueStatus.WITHDRAWN, withdrawn.withdrawnAt());
		}
	}

	void linked(ReferralLinkedToOpenV1 linked) {
		step(linked.linkedAt(), "DUPLICATE_LINKED", linked.referralId(), null);
	}

	void placeReleased(PlaceReleasedV1 released) {
		step(released.releasedAt(), "PLACE_RELEASED", released.cause().name(), null);
	}

	void clientAnswered(ClientAnsweredV1 answer) {
		step(answer.answeredAt(), "CLIENT_ANSWERED", answer.subject() + ":" + answer.answer(), null);
		if (answer.subject() == ClientAnsweredV1.Subject.PROPOSAL) {
			// An answer to a proposal that is no longer the current one changes nothing.
			if (this.status != QueueStatus.PROPOSED || this.proposal == null
					|| !this.proposal.proposalId().equals(answer.subjectId())) {
				return;
			}
			if (answer.answer() == ClientAnsweredV1.Answer.ACCEPT) {
				decide(new ProposalConfirmedV1(getId(), this.proposal.proposalId(), this.proposal.therapistId(),
						ProposalConfirmedV1.DecidedBy.CLIENT, answer.answeredAt()));
			}
			else if (answer.answer() == ClientAnsweredV1.Answer.DECLINE) {
				decide(new ProposalDeclinedV1(getId(), this.proposal.proposalId(), this.proposal.therapistId(),
						ProposalDeclinedV1.DecidedBy.CLIENT, answer.answeredAt()));
			}
			return;
		}
		if (answer.subjectId().equals(this.checkInId)) {
			this.checkInAnswered = true;
			this.unansweredInARow = 0;
		}
		if (answer.answer() == ClientAnsweredV1.Answer.WORSE && this.status != null && this.status.isOpen()) {
			// The client gets the crisis resources from notification-service; a
			// coordinator must look at once.
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.WORSENED, answer.answeredAt()));
		}
		else if (answer.answer() == ClientAnsweredV1.Answer.NO_LONGER_NEEDED && this.status != null
				&& this.status.isOpen() && !this.reviewCauses.contains("NO_LONGER_NEEDED")) {
			// The contract has no exit for this answer: a coordinator closes the
			// referral.
			this.reviewCauses.add("NO_LONGER_NEEDED");
		}
	}

	void deliveryFailed(DeliveryRecordedV1 delivery) {
		step(delivery.recordedAt(), "DELIVERY_FAILED", delivery.reasonCode(), null);
		if (this.status != null && this.status.isOpen()
				&& !this.reviewCauses.contains(Cause.NO_REACHABLE_CHANNEL.name())) {
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.NO_REACHABLE_CHANNEL,
					delivery.recordedAt()));
		}
	}

	// Coordinators' decisions.

	public void confirm(Instant now) {
		require("confirmation");
		requireProposal("confirmation");
		decide(new ProposalConfirmedV1(getId(), proposal().proposalId(), proposal().therapistId(),
				ProposalConfirmedV1.DecidedBy.COORDINATOR, now));
	}

	public void override(String therapist, List<String> brokenConstraints, Instant now) {
		require("override");
		String replaced = (this.proposal != null) ? this.proposal.proposalId() : null;
		decide(new ProposalOverriddenV1(getId(), replaced, therapist, List.copyOf(brokenConstraints), now));
	}

	public void decline(Instant now) {
		require("decline");
		requireProposal("decline");
		decide(new ProposalDeclinedV1(getId(), proposal().proposalId(), proposal().therapistId(),
				ProposalDeclinedV1.DecidedBy.COORDINATOR, now));
	}

	public void firstSession(Instant startedAt) {
		require("first-session");
		decide(new TherapyStartedV1(getId(), therapist(), startedAt));
	}

	public void end(Instant endedAt) {
		require("end");
		decide(new TherapyEndedV1(getId(), therapist(), endedAt));
	}

	public void leave(ReferralLeftQueueV1.Outcome outcome, Instant now) {
		require(outcome.name().toLowerCase(java.util.Locale.ROOT));
		decide(new ReferralLeftQueueV1(getId(), outcome, now));
	}

	public void reprioritise(Priority newPriority, Instant now) {
		require("priority");
		decide(new ReprioritisedV1(getId(), newPriority, now));
	}

	public void rematch(Instant now) {
		require("rematch");
		decide(new RematchRequestedV1(getId(), therapist(), registeredAtOrThrow(), now));
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

	private void requireProposal(String action) {
		if (this.proposal == null) {
			// An override waits for matching to reserve the chosen therapist's place.
			throw new ActionNotAllowedException(action, QueueStatus.PROPOSED);
		}
	}

	private void require(String action) {
		if (this.status == null || !ACTIONS.get(action).contains(this.status)) {
			throw new ActionNotAllowedException(action, (this.status != null) ? this.status : QueueStatus.SUBMITTED);
		}
	}

	// Timers.

	/**
	 * Fires the timers due now, each as an event.
	 * @param now the current time
	 * @param settings the timers' settings
	 */
	void fireDueTimers(Instant now, TimerSettings settings) {
		if (this.status == QueueStatus.PROPOSED && this.proposal != null
				&& !now.isBefore(this.proposal.proposedAt().plus(settings.proposalAnswerWindow()))) {
			// An unanswered proposal must not hold a place that another waiting client
			// could take.
			decide(new ProposalExpiredV1(getId(), this.proposal.proposalId(), this.proposal.therapistId(), now));
		}
		Instant checkIn = nextCheckInAt(settings);
		if (checkIn != null && !now.isBefore(checkIn)) {
			decide(new CheckInDueV1(getId(), UUID.randomUUID().toString(), this.checkInSequence + 1, checkIn,
					checkIn.plus(settings.checkInAnswerWindow())));
		}
		Instant noAnswer = noAnswerReviewAt(settings);
		if (noAnswer != null && !now.isBefore(noAnswer)) {
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.NO_CHECK_IN_ANSWER, now));
		}
		Instant tooLong = stateTooLongAt(settings);
		if (tooLong != null && !now.isBefore(tooLong)) {
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.STATE_TOO_LONG, now));
		}
		Instant risk = sixtyDayRiskAt(settings);
		if (risk != null && !now.isBefore(risk)) {
			decide(new ReviewRequestedV1(getId(), this.organizationId, Cause.SIXTY_DAY_RISK, now));
		}
	}

	/**
	 * Works out when the next timer falls due, for the poller's query.
	 * @param settings the timers' settings
	 */
	void schedule(TimerSettings settings) {
		Instant next = null;
		Instant expiry = (this.status == QueueStatus.PROPOSED && this.proposal != null)
				? this.proposal.proposedAt().plus(settings.proposalAnswerWindow()) : null;
		for (Instant due : new Instant[] { expiry, nextCheckInAt(settings), noAnswerReviewAt(settings),
				stateTooLongAt(settings), sixtyDayRiskAt(settings) }) {
			if (due != null && (next == null || due.isBefore(next))) {
				next = due;
			}
		}
		this.nextTimerAt = next;
	}

	private @Nullable Instant nextCheckInAt(TimerSettings settings) {
		if (this.status != QueueStatus.WAITING || this.waitingSince == null) {
			return null;
		}
		Instant from = (this.checkInDueAt != null) ? this.checkInDueAt : this.waitingSince;
		return from.plus(settings.checkInInterval());
	}

	private @Nullable Instant noAnswerReviewAt(TimerSettings settings) {
		if (this.status != QueueStatus.WAITING || this.checkInId == null || this.checkInAnswered
				|| this.checkInId.equals(this.noAnswerReviewedCheckInId)
				|| this.unansweredInARow + 1 < settings.unansweredCheckInsBeforeReview()) {
			return null;
		}
		return this.checkInAnswerBy;
	}

	private @Nullable Instant stateTooLongAt(TimerSettings settings) {
		if (this.status == null || !this.status.isOpen() || this.status == QueueStatus.IN_THERAPY
				|| this.stateSince == null || this.stateSince.equals(this.stateReviewedSince)) {
			return null;
		}
		return this.stateSince.plus(settings.stateLimitOf(this.organizationId));
	}

	private @Nullable Instant sixtyDayRiskAt(TimerSettings settings) {
		if (this.status == null || !QueueStatus.BEFORE_THERAPY.contains(this.status) || this.registeredAt == null
				|| this.sixtyDayRiskFlagged) {
			return null;
		}
		return this.registeredAt.plus(settings.sixtyDayRiskAfter());
	}

	// This service's own events: how each changes the entry, live or replayed.

	/**
	 * Applies one of this service's own events.
	 * @param event a waitlist event
	 */
	void on(Object event) {
		this.revision++;
		if (event instanceof WaitlistedV1 waitlisted) {
			this.waitlistAnnounced = true;
			step(waitlisted.waitlistedAt(), "WAITLISTED", null, null);
		}
		else if (event instanceof ProposalConfirmedV1 confirmed) {
			this.therapistId = confirmed.therapistId();
			moveTo(QueueStatus.CONFIRMED, confirmed.confirmedAt());
			step(confirmed.confirmedAt(), "PROPOSAL_CONFIRMED", confirmed.decidedBy().name(), null);
		}
		else if (event instanceof ProposalOverriddenV1 overridden) {
			// Matching reserves a place with the chosen therapist and proposes them: the
			// client or a coordinator then confirms that proposal.
			this.proposal = null;
			this.therapistId = overridden.therapistId();
			moveTo(QueueStatus.PROPOSED, overridden.overriddenAt());
			step(overridden.overriddenAt(), "PROPOSAL_OVERRIDDEN",
					overridden.therapistId() + " " + String.join(",", overridden.brokenConstraints()), null);
		}
		else if (event instanceof ProposalDeclinedV1 declined) {
			this.proposal = null;
			this.therapistId = null;
			enterWaiting(declined.declinedAt());
			step(declined.declinedAt(), "PROPOSAL_DECLINED", declined.decidedBy().name(), null);
		}
		else if (event instanceof ProposalExpiredV1 expired) {
			this.proposal = null;
			this.therapistId = null;
			enterWaiting(expired.expiredAt());
			step(expired.expiredAt(), "PROPOSAL_EXPIRED", null, null);
		}
		else if (event instanceof TherapyStartedV1 started) {
			moveTo(QueueStatus.IN_THERAPY, started.startedAt());
			step(started.startedAt(), "THERAPY_STARTED", started.therapistId(), null);
		}
		else if (event instanceof TherapyEndedV1 ended) {
			moveTo(QueueStatus.CLOSED, ended.endedAt());
			step(ended.endedAt(), "THERAPY_ENDED", ended.therapistId(), null);
		}
		else if (event instanceof RematchRequestedV1 rematch) {
			this.proposal = null;
			this.therapistId = null;
			enterWaiting(rematch.requestedAt());
			step(rematch.requestedAt(), "REMATCH_REQUESTED", rematch.therapistId(), null);
		}
		else if (event instanceof ReferralLeftQueueV1 left) {
			moveTo(QueueStatus.valueOf(left.outcome().name()), left.leftAt());
			step(left.leftAt(), "LEFT_QUEUE", left.outcome().name(), null);
		}
		else if (event instanceof ReprioritisedV1 reprioritised) {
			this.priority = reprioritised.priority();
			step(reprioritised.reprioritisedAt(), "REPRIORITISED", reprioritised.priority().name(), null);
		}
		else if (event instanceof CheckInDueV1 checkIn) {
			if (this.checkInId != null && !this.checkInAnswered) {
				this.unansweredInARow++;
			}
			this.checkInSequence = checkIn.sequence();
			this.checkInId = checkIn.checkInId();
			this.checkInDueAt = checkIn.dueAt();
			this.checkInAnswerBy = checkIn.answerBy();
			this.checkInAnswered = false;
			step(checkIn.dueAt(), "CHECK_IN_DUE", Integer.toString(checkIn.sequence()), null);
		}
		else if (event instanceof ReviewRequestedV1 review) {
			switch (review.cause()) {
				case NO_CHECK_IN_ANSWER -> this.noAnswerReviewedCheckInId = this.checkInId;
				case STATE_TOO_LONG -> this.stateReviewedSince = this.stateSince;
				case SIXTY_DAY_RISK -> this.sixtyDayRiskFlagged = true;
				default -> {
				}
			}
			if (!this.reviewCauses.contains(review.cause().name())) {
				this.reviewCauses.add(review.cause().name());
			}
			step(review.requestedAt(), "REVIEW_REQUESTED", review.cause().name(), null);
		}
	}

	/**
	 * Makes a decision: applies this service's event and publishes it, unless replaying,
	 * where the event itself is replayed.
	 */
	private void decide(Object event) {
		if (this.replaying) {
			return;
		}
		on(event);
		raise(event);
	}

	/**
	 * Adds the coordinator's reason to the step the last decision recorded.
	 * @param reason the reason, kept in this service only
	 */
	public void explainLastStep(String reason) {
		this.steps.set(this.lastStep, this.steps.get(this.lastStep).withReason(reason));
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

	private void enterWaiting(Instant at) {
		if (this.status != QueueStatus.WAITING) {
			// A new wait: its check-ins count from one again.
			this.waitingSince = at;
			this.checkInSequence = 0;
			this.checkInId = null;
			this.checkInDueAt = null;
			this.checkInAnswerBy = null;
			this.checkInAnswered = false;
			this.unansweredInARow = 0;
		}
		moveTo(QueueStatus.WAITING, at);
	}

	private void moveTo(QueueStatus next, Instant at) {
		if (this.status != next) {
			this.status = next;
			this.stateSince = at;
		}
	}

	private void step(Instant at, String what, @Nullable String detail, @Nullable String reason) {
		// In time order, whichever topic's event came first.
		int index = this.steps.size();
		while (index > 0 && this.steps.get(index - 1).at().isAfter(at)) {
			index--;
		}
		this.steps.add(index, new Step(at, what, detail, reason));
		this.lastStep = index;
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

	public @Nullable String partnerId() {
		return this.partnerId;
	}

	/**
	 * The first three characters of the client's postal code: a region, not an address.
	 * @return the prefix, or null while unknown
	 */
	public @Nullable String postalPrefix() {
		return this.postalPrefix;
	}

	/**
	 * The fee band the organization's sliding scale gave at intake: the only trace of
	 * income that leaves referral-service.
	 * @return the band, {@link FeeBand#UNKNOWN} without a scale or for entries stored
	 * before the band was kept
	 */
	public FeeBand feeBand() {
		return (this.feeBand != null) ? this.feeBand : FeeBand.UNKNOWN;
	}

	/**
	 * Whether the client referred themself rather than through a partner.
	 * @return true for a self-referral
	 */
	public boolean selfReferred() {
		return this.intakeChannel == IntakeChannel.SELF_REFERRAL || this.partnerId == null;
	}

	/**
	 * When the first session took place, the end of the wait.
	 * @return the first session, or null before it
	 */
	public @Nullable Instant firstSessionAt() {
		return this.steps.stream()
			.filter(step -> step.what().equals("THERAPY_STARTED"))
			.map(Step::at)
			.findFirst()
			.orElse(null);
	}

	public List<String> languages() {
		return this.languages;
	}

	public List<Approach> approaches() {
		return this.approaches;
	}

	public @Nullable Clientele clientele() {
		return this.clientele;
	}

	public @Nullable Modality modality() {
		return this.modality;
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
		return List.copyOf(this.steps);
	}

	/**
	 * The step this entry's last change recorded, before it was saved.
	 * @return the step, or null
	 */
	public @Nullable Step lastStep() {
		return (this.lastStep >= 0) ? this.steps.get(this.lastStep) : null;
	}

	public List<String> reviewCauses() {
		return List.copyOf(this.reviewCauses);
	}

	public @Nullable Instant nextTimerAt() {
		return this.nextTimerAt;
	}

	/**
	 * Whether this client will pass 60 days of waiting unless something changes.
	 * @param now the current time
	 * @param riskAfter the wait after which a referral not yet in therapy is at risk
	 * @return true when at risk
	 */
	public boolean atSixtyDayRisk(Instant now, Duration riskAfter) {
		return this.status != null && QueueStatus.BEFORE_THERAPY.contains(this.status) && this.registeredAt != null
				&& !now.isBefore(this.registeredAt.plus(riskAfter));
	}

}

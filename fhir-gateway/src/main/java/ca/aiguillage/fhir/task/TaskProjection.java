package ca.aiguillage.fhir.task;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralEvent;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.FollowUpRecordedV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ProposalOverriddenV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.ReferralTakenV1;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.events.ReceivedEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The events that drive referral-service's timeline, applied to the Task projection: the
 * same stages the referrer sees at {@code GET /api/v1/referrals/{id}}.
 */
@Service
class TaskProjection {

	private final Tasks tasks;

	private final ApplicationEventPublisher publisher;

	TaskProjection(Tasks tasks, ApplicationEventPublisher publisher) {
		this.tasks = tasks;
		this.publisher = publisher;
	}

	void applyReferral(ReceivedEvent event) {
		switch ((ReferralEvent) event.data()) {
			case ReferralSubmittedV1 e ->
				record(e.referralId(), Stage.RECEIVED, e.submittedAt(), e.partnerId(), e.organizationId());
			case ReferralRedirectedV1 e ->
				record(e.referralId(), Stage.REDIRECTED, e.redirectedAt(), e.partnerId(), e.organizationId());
			case ReferralWithdrawnV1 e -> record(e.referralId(), Stage.WITHDRAWN, e.withdrawnAt(), e.partnerId(), null);
			case ReferralLinkedToOpenV1 e -> record(e.referralId(), Stage.LINKED, e.linkedAt(), e.partnerId(), null);
			// A rejected inbound referral never became one: no Task.
			case InboundReferralRejectedV1 e -> {
			}
			// A coordinator's review: linked to another referral, this one is over.
			case PossibleDuplicateResolvedV1 e -> {
				if (e.resolution() == PossibleDuplicateResolvedV1.Resolution.LINKED) {
					record(e.referralId(), Stage.LINKED, e.resolvedAt(), null, null);
				}
			}
			case PossibleDuplicateFlaggedV1 e -> {
			}
		}
	}

	void applyMatching(ReceivedEvent event) {
		switch ((MatchingEvent) event.data()) {
			case ProposalMadeV1 e -> record(e.referralId(), Stage.PROPOSED, e.proposedAt(), null, e.organizationId());
			// Matching's bookkeeping: the referrer's timeline does not show it.
			case NoMatchFoundV1 e -> {
			}
			case PlaceReleasedV1 e -> {
			}
			case TherapistChangedV1 e -> {
			}
			case OverrideRefusedV1 e -> {
			}
		}
	}

	void applyWaitlist(ReceivedEvent event) {
		switch ((WaitlistEvent) event.data()) {
			case WaitlistedV1 e -> record(e.referralId(), Stage.WAITLISTED, e.waitlistedAt(), null, null);
			case ProposalConfirmedV1 e -> record(e.referralId(), Stage.ACCEPTED, e.confirmedAt(), null, null);
			case ProposalDeclinedV1 e -> record(e.referralId(), Stage.WAITLISTED, e.declinedAt(), null, null);
			case ProposalExpiredV1 e -> record(e.referralId(), Stage.WAITLISTED, e.expiredAt(), null, null);
			case RematchRequestedV1 e -> record(e.referralId(), Stage.WAITLISTED, e.requestedAt(), null, null);
			case TherapyStartedV1 e -> record(e.referralId(), Stage.IN_THERAPY, e.startedAt(), null, null);
			case TherapyEndedV1 e -> record(e.referralId(), Stage.COMPLETED, e.endedAt(), null, null);
			// Published before V2, read as V2 does.
			case ReferralLeftQueueV1 e -> leftQueue(ReferralLeftQueueV2.of(e));
			case ReferralLeftQueueV2 e -> leftQueue(e);
			// The coordinators' work inside the queue: the referrer's timeline does not
			// show it.
			case ProposalOverriddenV1 e -> {
			}
			case ReprioritisedV1 e -> {
			}
			case CheckInDueV1 e -> {
			}
			case ReviewRequestedV1 e -> {
			}
			case ReferralTakenV1 e -> {
			}
			case FollowUpRecordedV1 e -> {
			}
		}
	}

	private void leftQueue(ReferralLeftQueueV2 left) {
		record(left.referralId(), switch (left.outcome()) {
			case INELIGIBLE -> Stage.DECLINED;
			case REDIRECTED -> Stage.REDIRECTED;
			case UNREACHABLE -> Stage.UNREACHABLE;
			case NO_LONGER_NEEDED -> Stage.NO_LONGER_NEEDED;
		}, left.leftAt(), null, null);
	}

	/**
	 * Every event type of a topic, as the catalog declares it.
	 * @param topic the topic
	 * @return its event types
	 */
	static List<EventDefinition<?>> eventsOf(String topic) {
		return EventCatalog.all().stream().filter(definition -> definition.topic().equals(topic)).toList();
	}

	private void record(String referralId, Stage stage, Instant at, @Nullable String partnerId,
			@Nullable String organizationId) {
		if (!this.tasks.record(referralId, stage, at, partnerId, organizationId)) {
			return; // a redelivered or late event: the Task did not move
		}
		this.tasks.find(referralId)
			.filter(entry -> entry.partnerId() != null)
			.ifPresent(entry -> this.publisher.publishEvent(new TaskMoved(TaskResource.of(entry), entry.partnerId())));
	}

}

package ca.aiguillage.matching.proposal;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralEvent;
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
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.contracts.waitlist.FollowUpRecordedV1;
import ca.aiguillage.contracts.waitlist.ReferralTakenV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.events.CloudEventMessages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What matching reacts to: submitted and withdrawn referrals on {@code referral.events},
 * the waitlist's decisions on {@code waitlist.events}, clients' check-in answers on
 * {@code notification.events}, and directory changes of every instance on
 * {@code matching.events}. A withdrawal, an exit or a new priority that overtook its
 * referral's submission is parked until the referral arrives; a malformed event, or one
 * that can only follow a proposal and names a therapist or referral matching does not
 * know, goes to the binding's dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class ReferralConsumers {

	@Bean
	Consumer<Message<byte[]>> referralEvent(CloudEventMessages messages, Matcher matcher, Placements placements) {
		return message -> messages
			.read(message,
					List.of(EventCatalog.REFERRAL_SUBMITTED_V1, EventCatalog.REFERRAL_WITHDRAWN_V1,
							EventCatalog.POSSIBLE_DUPLICATE_RESOLVED_V1))
			.ifPresent(event -> onReferralEvent(event.id(), (ReferralEvent) event.data(), matcher, placements));
	}

	private static void onReferralEvent(String id, ReferralEvent data, Matcher matcher, Placements placements) {
		switch (data) {
			case ReferralSubmittedV1 submitted -> matcher.match(id, submitted);
			case ReferralWithdrawnV1 withdrawn -> placements.close(id, withdrawn.referralId(), ReleaseReason.WITHDRAWN);
			// Not read by this binding: a redirected, linked or rejected referral never
			// enters matching's pool.
			case ReferralRedirectedV1 redirected -> {
			}
			case ReferralLinkedToOpenV1 linked -> {
			}
			case InboundReferralRejectedV1 rejected -> {
			}
			// The same person as another open referral: this one leaves, its place is
			// freed.
			case PossibleDuplicateResolvedV1 resolved -> {
				if (resolved.resolution() == PossibleDuplicateResolvedV1.Resolution.LINKED) {
					placements.close(id, resolved.referralId(), ReleaseReason.WITHDRAWN);
				}
			}
			case PossibleDuplicateFlaggedV1 flagged -> {
			}
		}
	}

	@Bean
	Consumer<Message<byte[]>> waitlistEvent(CloudEventMessages messages, Placements placements) {
		return message -> messages
			.read(message,
					List.of(EventCatalog.PROPOSAL_DECLINED_V1, EventCatalog.PROPOSAL_EXPIRED_V1,
							EventCatalog.PROPOSAL_CONFIRMED_V1, EventCatalog.PROPOSAL_OVERRIDDEN_V1,
							EventCatalog.THERAPY_ENDED_V1, EventCatalog.REMATCH_REQUESTED_V1,
							EventCatalog.REFERRAL_LEFT_QUEUE_V1, EventCatalog.REFERRAL_LEFT_QUEUE_V2,
							EventCatalog.REPRIORITISED_V1, EventCatalog.REFERRAL_TAKEN_V1))
			.ifPresent(event -> onWaitlistEvent(event.id(), (WaitlistEvent) event.data(), placements));
	}

	private static void onWaitlistEvent(String id, WaitlistEvent data, Placements placements) {
		switch (data) {
			case ProposalDeclinedV1 declined -> placements.releaseAndWait(id, declined.referralId(),
					declined.therapistId(), ReleaseReason.DECLINED, true, null);
			// An unanswered proposal is not made again: the place goes to another client.
			case ProposalExpiredV1 expired -> placements.releaseAndWait(id, expired.referralId(), expired.therapistId(),
					ReleaseReason.EXPIRED, true, null);
			case RematchRequestedV1 rematch -> placements.releaseAndWait(id, rematch.referralId(),
					rematch.therapistId(), ReleaseReason.REMATCH, true, rematch.registeredAt());
			case TherapyEndedV1 ended -> placements.therapyEnded(id, ended.referralId(), ended.therapistId());
			// Whatever the outcome and whoever closed it, the referral's place is free
			// again.
			case ReferralLeftQueueV1 left -> placements.close(id, left.referralId(), ReleaseReason.LEFT_QUEUE);
			case ReferralLeftQueueV2 left -> placements.close(id, left.referralId(), ReleaseReason.LEFT_QUEUE);
			case ProposalConfirmedV1 confirmed ->
				placements.confirm(id, confirmed.referralId(), confirmed.therapistId());
			case ReprioritisedV1 reprioritised ->
				placements.reprioritise(id, reprioritised.referralId(), reprioritised.priority());
			case ReferralTakenV1 taken -> placements.take(id, taken.referralId(), taken.organizationId());
			case ProposalOverriddenV1 overridden -> placements.override(id, overridden.referralId(),
					overridden.therapistId(), overridden.brokenConstraints());
			// Not read by this binding: the queue's own bookkeeping moves no place.
			case WaitlistedV1 waitlisted -> {
			}
			case TherapyStartedV1 started -> {
			}
			case CheckInDueV1 checkIn -> {
			}
			case ReviewRequestedV1 review -> {
			}
			case FollowUpRecordedV1 followUp -> {
			}
		}
	}

	/**
	 * A client's answer to a check-in: one who still needs the service (or is worse, and
	 * so still needs it) is preferred when a place frees up.
	 */
	@Bean
	Consumer<Message<byte[]>> clientAnswer(CloudEventMessages messages, Placements placements) {
		return message -> messages.read(message, List.of(EventCatalog.CLIENT_ANSWERED_V1)).ifPresent(event -> {
			ClientAnsweredV1 answer = (ClientAnsweredV1) event.data();
			if (answer.subject() == ClientAnsweredV1.Subject.CHECK_IN
					&& (answer.answer() == ClientAnsweredV1.Answer.STILL_WAITING
							|| answer.answer() == ClientAnsweredV1.Answer.WORSE)) {
				placements.availableConfirmed(event.id(), answer.referralId(), answer.answeredAt());
			}
		});
	}

	/** Every instance keeps its snapshot fresh with every directory change. */
	@Bean
	Consumer<Message<byte[]>> directoryChange(CloudEventMessages messages, DirectorySnapshot snapshot) {
		return message -> messages.read(message, List.of(EventCatalog.THERAPIST_CHANGED_V1))
			.ifPresent(event -> snapshot.refresh(((TherapistChangedV1) event.data()).therapistId()));
	}

}

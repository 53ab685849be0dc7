package ca.aiguillage.matching.proposal;

import java.util.List;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ProposalOverriddenV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.events.ReceivedEvent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What matching reacts to: submitted and withdrawn referrals on {@code referral.events},
 * the waitlist's decisions on {@code waitlist.events}, and directory changes of every
 * instance on {@code matching.events}. A malformed event, or one naming a therapist or
 * referral matching does not know, goes to the binding's dead-letter topic; other types
 * are not ours to handle.
 */
@Configuration(proxyBeanMethods = false)
class ReferralConsumers {

	@Bean
	Consumer<Message<byte[]>> referralEvent(CloudEventMessages messages, Matcher matcher, Placements placements) {
		return message -> messages
			.read(message, List.of(EventCatalog.REFERRAL_SUBMITTED_V1, EventCatalog.REFERRAL_WITHDRAWN_V1))
			.ifPresent(event -> {
				if (event.data() instanceof ReferralSubmittedV1 submitted) {
					matcher.match(event.id(), submitted);
				}
				else if (event.data() instanceof ReferralWithdrawnV1 withdrawn) {
					placements.releaseAndClose(event.id(), withdrawn.referralId(), null, ReleaseReason.WITHDRAWN);
				}
			});
	}

	@Bean
	Consumer<Message<byte[]>> waitlistEvent(CloudEventMessages messages, Placements placements) {
		return message -> messages
			.read(message,
					List.of(EventCatalog.PROPOSAL_DECLINED_V1, EventCatalog.PROPOSAL_EXPIRED_V1,
							EventCatalog.PROPOSAL_CONFIRMED_V1, EventCatalog.PROPOSAL_OVERRIDDEN_V1,
							EventCatalog.THERAPY_ENDED_V1, EventCatalog.REMATCH_REQUESTED_V1,
							EventCatalog.REFERRAL_LEFT_QUEUE_V1, EventCatalog.REPRIORITISED_V1))
			.ifPresent(event -> onWaitlistEvent(event, placements));
	}

	private static void onWaitlistEvent(ReceivedEvent event, Placements placements) {
		String id = event.id();
		Object data = event.data();
		if (data instanceof ProposalDeclinedV1 declined) {
			placements.releaseAndWait(id, declined.referralId(), declined.therapistId(), ReleaseReason.DECLINED, true,
					null);
		}
		else if (data instanceof ProposalExpiredV1 expired) {
			// An unanswered proposal is not made again: the place goes to another client.
			placements.releaseAndWait(id, expired.referralId(), expired.therapistId(), ReleaseReason.EXPIRED, true,
					null);
		}
		else if (data instanceof RematchRequestedV1 rematch) {
			placements.releaseAndWait(id, rematch.referralId(), rematch.therapistId(), ReleaseReason.REMATCH, true,
					rematch.registeredAt());
		}
		else if (data instanceof TherapyEndedV1 ended) {
			placements.releaseAndClose(id, ended.referralId(), ended.therapistId(), ReleaseReason.THERAPY_ENDED);
		}
		else if (data instanceof ReferralLeftQueueV1 left) {
			placements.releaseAndClose(id, left.referralId(), null, ReleaseReason.LEFT_QUEUE);
		}
		else if (data instanceof ProposalConfirmedV1 confirmed) {
			placements.confirm(id, confirmed.referralId(), confirmed.therapistId());
		}
		else if (data instanceof ReprioritisedV1 reprioritised) {
			placements.reprioritise(id, reprioritised.referralId(), reprioritised.priority());
		}
		else if (data instanceof ProposalOverriddenV1 overridden) {
			placements.override(id, overridden.referralId(), overridden.therapistId(), overridden.brokenConstraints());
		}
	}

	/** Every instance keeps its snapshot fresh with every directory change. */
	@Bean
	Consumer<Message<byte[]>> directoryChange(CloudEventMessages messages, DirectorySnapshot snapshot) {
		return message -> messages.read(message, List.of(EventCatalog.THERAPIST_CHANGED_V1))
			.ifPresent(event -> snapshot.refresh(((TherapistChangedV1) event.data()).therapistId()));
	}

}

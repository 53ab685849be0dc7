package ca.aiguillage.waitlist.queue;

import java.util.function.Consumer;

import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.platform.events.ReceivedEvent;

import org.springframework.stereotype.Service;

/**
 * Applies events to queue entries, each event once: other services' events as they come,
 * and, when the queue is rebuilt, this service's own events too.
 */
@Service
class Queue {

	private final QueueEntries entries;

	Queue(QueueEntries entries) {
		this.entries = entries;
	}

	void apply(ReceivedEvent event) {
		apply(event, false);
	}

	void apply(ReceivedEvent event, boolean replay) {
		Object data = event.data();
		if (data instanceof ReferralSubmittedV1 submitted) {
			opening(submitted.referralId(), event, replay, entry -> entry.registered(submitted));
		}
		else if (data instanceof ProposalMadeV1 proposal) {
			opening(proposal.referralId(), event, replay, entry -> entry.proposed(proposal));
		}
		else if (data instanceof NoMatchFoundV1 noMatch) {
			opening(noMatch.referralId(), event, replay, entry -> entry.noMatch(noMatch));
		}
		else if (data instanceof ReferralRedirectedV1 redirected) {
			opening(redirected.referralId(), event, replay, entry -> entry.redirected(redirected));
		}
		else if (data instanceof ReferralWithdrawnV1 withdrawn) {
			known(withdrawn.referralId(), event, replay, entry -> entry.withdrawn(withdrawn));
		}
		else if (data instanceof ReferralLinkedToOpenV1 linked) {
			known(linked.openReferralId(), event, replay, entry -> entry.linked(linked));
		}
		else if (data instanceof PlaceReleasedV1 released) {
			known(released.referralId(), event, replay, entry -> entry.placeReleased(released));
		}
		else if (data instanceof ClientAnsweredV1 answer) {
			known(answer.referralId(), event, replay, entry -> entry.clientAnswered(answer));
		}
		else if (data instanceof DeliveryRecordedV1 delivery) {
			// Only a client no channel reaches needs someone to act.
			if (delivery.outcome() == DeliveryRecordedV1.Outcome.FAILED
					&& "NO_REACHABLE_CHANNEL".equals(delivery.reasonCode())) {
				known(delivery.referralId(), event, replay, entry -> entry.deliveryFailed(delivery));
			}
		}
		else if (replay && EventCatalog.of(data).topic().equals(ca.aiguillage.contracts.Topics.WAITLIST_EVENTS)) {
			String referralId = EventCatalog.of(data).subjectOf(data);
			this.entries.applyOnce(referralId, event.id(), () -> new QueueEntry(referralId), entry -> {
				entry.replaying();
				entry.on(data);
			});
		}
	}

	private void opening(String referralId, ReceivedEvent event, boolean replay, Consumer<QueueEntry> change) {
		this.entries.applyOnce(referralId, event.id(), () -> new QueueEntry(referralId), changing(replay, change));
	}

	private void known(String referralId, ReceivedEvent event, boolean replay, Consumer<QueueEntry> change) {
		this.entries.applyOnce(referralId, event.id(), () -> {
			throw new UnknownReferralException(event.type(), referralId);
		}, changing(replay, change));
	}

	private static Consumer<QueueEntry> changing(boolean replay, Consumer<QueueEntry> change) {
		return entry -> {
			if (replay) {
				entry.replaying();
			}
			entry.changed();
			change.accept(entry);
		};
	}

}

package ca.aiguillage.waitlist.queue;

import java.util.Optional;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.notification.NotificationEvent;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.referral.ReferralEvent;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.platform.events.ReceivedEvent;

import org.springframework.stereotype.Service;

/**
 * Applies events to queue entries, each event once: other services' events as they come,
 * and, when the queue is rebuilt, this service's own events too. Each topic's family is
 * handled exhaustively, so a new event type breaks the build here until it is handled.
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
		reactionTo(event.data(), replay).ifPresent(reaction -> {
			if (reaction.opens()) {
				this.entries.applyOnce(reaction.referralId(), event.id(), () -> new QueueEntry(reaction.referralId()),
						reaction.change());
			}
			else {
				this.entries.applyOnce(reaction.referralId(), event.id(), () -> {
					throw new UnknownReferralException(event.type(), reaction.referralId());
				}, reaction.change());
			}
		});
	}

	/**
	 * What an event does to an entry.
	 *
	 * @param opens whether the event may open the entry (else it needs a known one)
	 */
	record Reaction(String referralId, boolean opens, Consumer<QueueEntry> change) {
	}

	static Optional<Reaction> reactionTo(Object data, boolean replay) {
		return switch (data) {
			case ReferralEvent referral -> referral(referral, replay);
			case MatchingEvent matching -> matching(matching, replay);
			case NotificationEvent notification -> notification(notification, replay);
			// This service's own decisions come back only when the queue is rebuilt.
			case WaitlistEvent own when replay ->
				Optional.of(new Reaction(EventCatalog.of(own).subjectOf(own), true, entry -> {
					entry.replaying();
					entry.on(own, null);
				}));
			default -> Optional.empty();
		};
	}

	private static Optional<Reaction> referral(ReferralEvent event, boolean replay) {
		return switch (event) {
			case ReferralSubmittedV1 submitted ->
				opening(submitted.referralId(), replay, entry -> entry.registered(submitted));
			case ReferralRedirectedV1 redirected ->
				opening(redirected.referralId(), replay, entry -> entry.redirected(redirected));
			case ReferralWithdrawnV1 withdrawn ->
				known(withdrawn.referralId(), replay, entry -> entry.withdrawn(withdrawn));
			case ReferralLinkedToOpenV1 linked -> known(linked.openReferralId(), replay, entry -> entry.linked(linked));
			// Refused at intake: it never reached the queue.
			case InboundReferralRejectedV1 rejected -> Optional.empty();
		};
	}

	private static Optional<Reaction> matching(MatchingEvent event, boolean replay) {
		return switch (event) {
			case ProposalMadeV1 proposal -> opening(proposal.referralId(), replay, entry -> entry.proposed(proposal));
			case NoMatchFoundV1 noMatch -> opening(noMatch.referralId(), replay, entry -> entry.noMatch(noMatch));
			case PlaceReleasedV1 released ->
				known(released.referralId(), replay, entry -> entry.placeReleased(released));
			// The capacity feature's, not a referral's.
			case TherapistChangedV1 therapist -> Optional.empty();
		};
	}

	private static Optional<Reaction> notification(NotificationEvent event, boolean replay) {
		return switch (event) {
			case ClientAnsweredV1 answer -> known(answer.referralId(), replay, entry -> entry.clientAnswered(answer));
			// Only a client no channel reaches needs someone to act.
			case DeliveryRecordedV1 delivery when delivery.outcome() == DeliveryRecordedV1.Outcome.FAILED
					&& "NO_REACHABLE_CHANNEL".equals(delivery.reasonCode()) ->
				known(delivery.referralId(), replay, entry -> entry.deliveryFailed(delivery));
			case DeliveryRecordedV1 delivery -> Optional.empty();
		};
	}

	private static Optional<Reaction> opening(String referralId, boolean replay, Consumer<QueueEntry> change) {
		return Optional.of(new Reaction(referralId, true, changing(replay, change)));
	}

	private static Optional<Reaction> known(String referralId, boolean replay, Consumer<QueueEntry> change) {
		return Optional.of(new Reaction(referralId, false, changing(replay, change)));
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

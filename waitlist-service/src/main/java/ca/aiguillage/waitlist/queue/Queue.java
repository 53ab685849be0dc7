package ca.aiguillage.waitlist.queue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.notification.NotificationEvent;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralEvent;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.platform.events.ReceivedEvent;

import org.springframework.stereotype.Service;

/**
 * Applies events to queue entries, each event once: other services' events as they come,
 * and, when the queue is rebuilt, this service's own events too. Each topic's family is
 * handled exhaustively, so a new event type breaks the build here until it is handled.
 */
@Service
class Queue {

	/** Failed deliveries that leave the client unreached: a coordinator must look. */
	private static final Set<String> CLIENT_UNREACHED = Set.of("NO_REACHABLE_CHANNEL", "RETRY_DEADLINE_PASSED");

	private final QueueEntries entries;

	private final EventJson json;

	private final CheckInSettings checkIns;

	Queue(QueueEntries entries, EventJson json, CheckInSettings checkIns) {
		this.entries = entries;
		this.json = json;
		this.checkIns = checkIns;
	}

	void apply(ReceivedEvent event) {
		apply(event, false);
	}

	void apply(ReceivedEvent event, boolean replay) {
		reactionTo(event.data(), replay).ifPresent(reaction -> this.entries.applyOnce(reaction.referralId(), event.id(),
				() -> new QueueEntry(reaction.referralId()), entry -> {
					if (!reaction.opens() && !entry.opened()) {
						// The referral has not come yet (topics are not ordered with
						// each other): kept, unseen, until it does.
						entry.park(new ParkedEvent(event.type(), this.json.write(event.data())));
						return;
					}
					boolean opening = !entry.opened();
					reaction.change().accept(entry);
					if (opening) {
						entry.unpark().forEach(parked -> reapply(parked, entry, replay));
					}
				}));
	}

	private void reapply(ParkedEvent parked, QueueEntry entry, boolean replay) {
		EventDefinition<?> definition = EventCatalog.all()
			.stream()
			.filter(candidate -> candidate.type().equals(parked.type()))
			.findFirst()
			.orElseThrow();
		Object data = this.json.read(this.json.tree(parked.data().getBytes(StandardCharsets.UTF_8)),
				definition.dataClass());
		reactionTo(data, replay).ifPresent(reaction -> reaction.change().accept(entry));
	}

	/**
	 * What an event does to an entry.
	 *
	 * @param opens whether the event may open the entry (else it needs a known one)
	 */
	record Reaction(String referralId, boolean opens, Consumer<QueueEntry> change) {
	}

	Optional<Reaction> reactionTo(Object data, boolean replay) {
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
			case PossibleDuplicateResolvedV1 resolved ->
				known(resolved.referralId(), replay, entry -> entry.duplicateResolved(resolved));
			case PossibleDuplicateFlaggedV1 flagged ->
				known(flagged.referralId(), replay, entry -> entry.possibleDuplicateFlagged(flagged));
		};
	}

	private static Optional<Reaction> matching(MatchingEvent event, boolean replay) {
		return switch (event) {
			case ProposalMadeV1 proposal -> opening(proposal.referralId(), replay, entry -> entry.proposed(proposal));
			case NoMatchFoundV1 noMatch -> opening(noMatch.referralId(), replay, entry -> entry.noMatch(noMatch));
			case PlaceReleasedV1 released ->
				known(released.referralId(), replay, entry -> entry.placeReleased(released));
			case OverrideRefusedV1 refused ->
				known(refused.referralId(), replay, entry -> entry.overrideRefused(refused));
			// The capacity feature's, not a referral's.
			case TherapistChangedV1 therapist -> Optional.empty();
		};
	}

	private Optional<Reaction> notification(NotificationEvent event, boolean replay) {
		return switch (event) {
			case ClientAnsweredV1 answer -> known(answer.referralId(), replay,
					entry -> entry.clientAnswered(answer, this.checkIns.closeWhenNoLongerNeeded()));
			// Only a client no channel reaches needs someone to act.
			case DeliveryRecordedV1 delivery when delivery.outcome() == DeliveryRecordedV1.Outcome.FAILED
					&& delivery.reasonCode() != null && CLIENT_UNREACHED.contains(delivery.reasonCode()) ->
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

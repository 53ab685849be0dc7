package ca.aiguillage.referral.closedloop;

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
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.referral.intake.PersonClaims;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.referral.intake.ReferralStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Records the other services' outcomes on the referral, each event once, so that
 * {@code GET /api/v1/referrals/{id}} shows the referrer its whole timeline.
 */
@Service
class ClosedLoop {

	private static final Logger log = LoggerFactory.getLogger(ClosedLoop.class);

	private final Aggregates aggregates;

	private final PersonClaims claims;

	ClosedLoop(Aggregates aggregates, PersonClaims claims) {
		this.aggregates = aggregates;
		this.claims = claims;
	}

	void apply(ReceivedEvent event) {
		String id = event.id();
		switch ((MatchingEvent) event.data()) {
			case ProposalMadeV1 e ->
				record(e.referralId(), id, ReferralStatus.PROPOSED, e.proposedAt(), e.organizationId());
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
		String id = event.id();
		switch ((WaitlistEvent) event.data()) {
			case WaitlistedV1 e -> record(e.referralId(), id, ReferralStatus.WAITLISTED, e.waitlistedAt(), null);
			case ProposalConfirmedV1 e -> record(e.referralId(), id, ReferralStatus.CONFIRMED, e.confirmedAt(), null);
			case ProposalDeclinedV1 e -> record(e.referralId(), id, ReferralStatus.WAITLISTED, e.declinedAt(), null);
			case ProposalExpiredV1 e -> record(e.referralId(), id, ReferralStatus.WAITLISTED, e.expiredAt(), null);
			case RematchRequestedV1 e -> record(e.referralId(), id, ReferralStatus.WAITLISTED, e.requestedAt(), null);
			case TherapyStartedV1 e -> record(e.referralId(), id, ReferralStatus.IN_THERAPY, e.startedAt(), null);
			case TherapyEndedV1 e -> record(e.referralId(), id, ReferralStatus.CLOSED, e.endedAt(), null);
			// Published before V2, read as V2 does.
			case ReferralLeftQueueV1 e -> leftQueue(ReferralLeftQueueV2.of(e), id);
			case ReferralLeftQueueV2 e -> leftQueue(e, id);
			// The coordinators' work inside the queue: the referrer's timeline does not
			// show it (an override is followed by its own ProposalMade).
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

	private void leftQueue(ReferralLeftQueueV2 left, String eventId) {
		record(left.referralId(), eventId, switch (left.outcome()) {
			case INELIGIBLE -> ReferralStatus.INELIGIBLE;
			case REDIRECTED -> ReferralStatus.REDIRECTED;
			case UNREACHABLE -> ReferralStatus.UNREACHABLE;
			case NO_LONGER_NEEDED -> ReferralStatus.NO_LONGER_NEEDED;
		}, left.leftAt(), null);
	}

	/**
	 * Every event type of a topic, as the catalog declares it.
	 */
	static List<EventDefinition<?>> eventsOf(String topic) {
		return EventCatalog.all().stream().filter(definition -> definition.topic().equals(topic)).toList();
	}

	private void record(String referralId, String eventId, ReferralStatus status, Instant at,
			@Nullable String organizationId) {
		if (this.aggregates.find(Referral.class, referralId).isEmpty()) {
			// Only referrals registered here have a referrer to inform.
			log.info("Event {} is about referral {}, unknown here", eventId, referralId);
			return;
		}
		this.aggregates.applyOnce(Referral.class, referralId, eventId, () -> {
			throw new IllegalStateException("referral " + referralId + " vanished");
		}, (referral) -> referral.outcome(status, at, organizationId));
		if (!status.isOpen()) {
			this.claims.release(referralId);
		}
	}

}

package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;
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

	ClosedLoop(Aggregates aggregates) {
		this.aggregates = aggregates;
	}

	void apply(ReceivedEvent event) {
		Object data = event.data();
		String id = event.id();
		if (data instanceof ProposalMadeV1 e) {
			record(e.referralId(), id, ReferralStatus.PROPOSED, e.proposedAt(), e.organizationId());
		}
		else if (data instanceof WaitlistedV1 e) {
			record(e.referralId(), id, ReferralStatus.WAITLISTED, e.waitlistedAt(), null);
		}
		else if (data instanceof ProposalConfirmedV1 e) {
			record(e.referralId(), id, ReferralStatus.CONFIRMED, e.confirmedAt(), null);
		}
		else if (data instanceof ProposalDeclinedV1 e) {
			record(e.referralId(), id, ReferralStatus.WAITLISTED, e.declinedAt(), null);
		}
		else if (data instanceof ProposalExpiredV1 e) {
			record(e.referralId(), id, ReferralStatus.WAITLISTED, e.expiredAt(), null);
		}
		else if (data instanceof RematchRequestedV1 e) {
			record(e.referralId(), id, ReferralStatus.WAITLISTED, e.requestedAt(), null);
		}
		else if (data instanceof TherapyStartedV1 e) {
			record(e.referralId(), id, ReferralStatus.IN_THERAPY, e.startedAt(), null);
		}
		else if (data instanceof TherapyEndedV1 e) {
			record(e.referralId(), id, ReferralStatus.CLOSED, e.endedAt(), null);
		}
		else if (data instanceof ReferralLeftQueueV1 e) {
			ReferralStatus status = switch (e.outcome()) {
				case INELIGIBLE -> ReferralStatus.INELIGIBLE;
				case REDIRECTED -> ReferralStatus.REDIRECTED;
				case UNREACHABLE -> ReferralStatus.UNREACHABLE;
			};
			record(e.referralId(), id, status, e.leftAt(), null);
		}
	}

	/** The events that move the referrer's timeline. */
	static final List<EventDefinition<?>> WAITLIST_EVENTS = List.of(EventCatalog.WAITLISTED_V1,
			EventCatalog.PROPOSAL_CONFIRMED_V1, EventCatalog.PROPOSAL_DECLINED_V1, EventCatalog.PROPOSAL_EXPIRED_V1,
			EventCatalog.REMATCH_REQUESTED_V1, EventCatalog.THERAPY_STARTED_V1, EventCatalog.THERAPY_ENDED_V1,
			EventCatalog.REFERRAL_LEFT_QUEUE_V1);

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
	}

}

package ca.aiguillage.referral.intake;

import java.time.Instant;

import ca.aiguillage.contracts.matching.ProposalMadeV1;
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
		if (event.data() instanceof ProposalMadeV1 proposal) {
			record(proposal.referralId(), event.id(), ReferralStatus.PROPOSED, proposal.proposedAt(),
					proposal.organizationId());
		}
		else if (event.data() instanceof WaitlistedV1 waitlisted) {
			record(waitlisted.referralId(), event.id(), ReferralStatus.WAITLISTED, waitlisted.waitlistedAt(), null);
		}
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
	}

}

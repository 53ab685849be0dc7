package ca.aiguillage.waitlist.queue;

import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;

import org.springframework.stereotype.Service;

/** Applies intake and matching events to queue entries, each event once. */
@Service
class Queue {

	private final Aggregates aggregates;

	Queue(Aggregates aggregates) {
		this.aggregates = aggregates;
	}

	void apply(ReceivedEvent event) {
		Object data = event.data();
		if (data instanceof ReferralSubmittedV1 submitted) {
			change(submitted.referralId(), event, entry -> entry.registered(submitted));
		}
		else if (data instanceof ProposalMadeV1 proposal) {
			change(proposal.referralId(), event, entry -> entry.proposed(proposal));
		}
		else if (data instanceof NoMatchFoundV1 noMatch) {
			change(noMatch.referralId(), event, entry -> entry.noMatch(noMatch));
		}
	}

	private void change(String referralId, ReceivedEvent event, java.util.function.Consumer<QueueEntry> change) {
		this.aggregates.applyOnce(QueueEntry.class, referralId, event.id(), () -> new QueueEntry(referralId), change);
	}

}

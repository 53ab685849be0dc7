package ca.aiguillage.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Turns a referral's lifecycle events into the messages its client must receive, once per
 * event: a redelivered event records nothing new.
 */
@Service
class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final Templates templates;

	private final Aggregates aggregates;

	private final Clock clock;

	Notifier(Templates templates, Aggregates aggregates, Clock clock) {
		this.templates = templates;
		this.aggregates = aggregates;
		this.clock = clock;
	}

	void on(ReceivedEvent event) {
		Object data = event.data();
		String referralId = EventCatalog.of(data).subjectOf(data);
		List<MessageRequest> requests = this.templates.requestsFor(event.id(), data);
		boolean learnsRecipient = data instanceof ReferralSubmittedV1;
		if (requests.isEmpty() && !learnsRecipient) {
			return;
		}
		Instant now = this.clock.instant();
		boolean applied = this.aggregates.applyOnce(NotificationCase.class, referralId, event.id(),
				() -> new NotificationCase(referralId), notificationCase -> {
					if (data instanceof ProposalMadeV1 proposal) {
						notificationCase.followedBy(proposal.organizationId());
					}
					if (data instanceof ReferralSubmittedV1 submitted) {
						notificationCase.followedBy(submitted.organizationId());
						notificationCase.recipientKnown(RecipientProfile.of(submitted), requests, this.templates, now);
					}
					else {
						notificationCase.request(requests, this.templates, now);
					}
				});
		if (!applied) {
			log.debug("Event {} was already applied to referral {}", event.id(), referralId);
		}
	}

}

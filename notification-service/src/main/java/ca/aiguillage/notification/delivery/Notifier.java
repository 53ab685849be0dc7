package ca.aiguillage.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.notification.contacts.StartForecasts;
import ca.aiguillage.notification.links.ClientLinks;
import ca.aiguillage.notification.links.LinkSettings;
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Turns a referral's lifecycle events into the messages its client, its referrer and its
 * coordinators must receive, once per event: a redelivered event records nothing new.
 */
@Service
class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final Templates templates;

	private final Aggregates aggregates;

	private final ClientLinks links;

	private final LinkSettings linkSettings;

	private final Dispatcher dispatcher;

	private final StartForecasts forecasts;

	private final Clock clock;

	Notifier(Templates templates, Aggregates aggregates, ClientLinks links, LinkSettings linkSettings,
			Dispatcher dispatcher, StartForecasts forecasts, Clock clock) {
		this.forecasts = forecasts;
		this.templates = templates;
		this.aggregates = aggregates;
		this.links = links;
		this.linkSettings = linkSettings;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	void on(ReceivedEvent event) {
		Object data = event.data();
		Instant now = this.clock.instant();
		List<MessageRequest> requests = withLikelyStart(data, this.templates.requestsFor(event.id(), data));
		if (data instanceof ReviewRequestedV1 review && review.cause() == ReviewRequestedV1.Cause.SIXTY_DAY_RISK) {
			// Coordinators hear about 60-day risks together, in the next morning's
			// digest.
			requests = requests.stream().filter(request -> request.audience() != Audience.COORDINATOR).toList();
			Instant sendAt = QuietHours.nextMorning(now);
			String digestId = CoordinatorDigest.idOf(review.organizationId(), sendAt);
			this.aggregates.applyOnce(CoordinatorDigest.class, digestId, event.id(),
					() -> new CoordinatorDigest(digestId),
					digest -> digest.add(review.organizationId(), review.referralId(), sendAt));
		}
		Consumer<NotificationCase> change = change(data, requests, now);
		String caseId = (data instanceof InboundReferralRejectedV1 rejected)
				? "inbound-" + UUID.nameUUIDFromBytes(
						(rejected.partnerId() + "|" + rejected.partnerReference()).getBytes(StandardCharsets.UTF_8))
				: EventCatalog.of(data).subjectOf(data);
		boolean applied = this.aggregates.applyOnce(NotificationCase.class, caseId, event.id(),
				() -> new NotificationCase(caseId), change);
		if (!applied) {
			log.debug("Event {} was already applied to case {}", event.id(), caseId);
			return;
		}
		this.dispatcher.wake();
	}

	/** Asks waitlist-service now, so that the message logged is the message sent. */
	private List<MessageRequest> withLikelyStart(Object data, List<MessageRequest> requests) {
		String type = EventCatalog.of(data).type();
		if (requests.stream().noneMatch(request -> request.audience() == Audience.CLIENT)
				|| !MessageFacts.offersLikelyStart(type)) {
			return requests;
		}
		Map<String, String> facts = MessageFacts.likelyStart(this.forecasts.of(EventCatalog.of(data).subjectOf(data)));
		return requests.stream().map(request -> request.withFacts(facts)).toList();
	}

	private Consumer<NotificationCase> change(Object data, List<MessageRequest> requests, Instant now) {
		if (data instanceof ReferralSubmittedV1 submitted) {
			return known -> {
				known.followedBy(submitted.organizationId());
				known.referredBy(submitted.partnerId());
				known.recipientKnown(RecipientProfile.of(submitted), requests, this.templates, now);
			};
		}
		if (data instanceof ReferralRedirectedV1 redirected) {
			return known -> {
				known.followedBy(redirected.organizationId());
				known.referredBy(redirected.partnerId());
				known.recipientKnown(RecipientProfile.of(redirected), requests, this.templates, now);
			};
		}
		if (data instanceof ProposalMadeV1 proposal) {
			return asking(ClientAnsweredV1.Subject.PROPOSAL, proposal.proposalId(),
					now.plus(this.linkSettings.proposalLifetime()), requests, now,
					known -> known.followedBy(proposal.organizationId()));
		}
		if (data instanceof CheckInDueV1 checkIn) {
			return asking(ClientAnsweredV1.Subject.CHECK_IN, checkIn.checkInId(), checkIn.answerBy(), requests, now,
					known -> {
					});
		}
		return known -> {
			learnFrom(known, data);
			known.request(requests, this.templates, now);
		};
	}

	private Consumer<NotificationCase> asking(ClientAnsweredV1.Subject subject, String subjectId, Instant expiresAt,
			List<MessageRequest> requests, Instant now, Consumer<NotificationCase> learn) {
		String token = this.links.issue(expiresAt);
		String url = this.linkSettings.url(token);
		List<MessageRequest> withLink = requests.stream()
			.map(request -> request.withFacts(Map.of(Placeholder.ANSWER_LINK.token(), url)))
			.toList();
		OpenQuestion question = new OpenQuestion(subject, subjectId, ClientLinks.idOf(token), expiresAt, null, false);
		return known -> {
			learn.accept(known);
			known.ask(question);
			known.request(withLink, this.templates, now);
		};
	}

	/** What an event that calls for no question tells the case. */
	private static void learnFrom(NotificationCase known, Object data) {
		if (data instanceof ReferralWithdrawnV1 withdrawn) {
			known.referredBy(withdrawn.partnerId());
			known.closeAll();
		}
		else if (data instanceof ReferralLinkedToOpenV1 linked) {
			known.referredBy(linked.partnerId());
		}
		else if (data instanceof InboundReferralRejectedV1 rejected) {
			known.referredBy(rejected.partnerId());
			known.concerns(rejected.partnerReference(), rejected.violations());
		}
		else if (data instanceof ReviewRequestedV1 review) {
			known.followedBy(review.organizationId());
		}
		else if (data instanceof ProposalConfirmedV1 confirmed) {
			known.close(confirmed.proposalId());
		}
		else if (data instanceof ProposalDeclinedV1 declined) {
			known.close(declined.proposalId());
		}
		else if (data instanceof ProposalExpiredV1 expired) {
			known.close(expired.proposalId());
		}
		else if (data instanceof ReferralLeftQueueV1 || data instanceof TherapyStartedV1) {
			known.closeAll();
		}
	}

}

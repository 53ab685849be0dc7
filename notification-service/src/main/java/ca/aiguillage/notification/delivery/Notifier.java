package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.Audience;
import ca.aiguillage.notification.templates.MessageRequest;
import ca.aiguillage.platform.tracing.TraceContexts;
import ca.aiguillage.notification.templates.MessageFacts;
import ca.aiguillage.notification.templates.Placeholder;
import ca.aiguillage.notification.templates.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralEvent;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
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
import ca.aiguillage.notification.contacts.AnswerWindows;
import ca.aiguillage.notification.contacts.StartForecasts;
import ca.aiguillage.notification.links.ClientLinks;
import ca.aiguillage.notification.links.LinkSettings;
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

	private static final Consumer<NotificationCase> NOTHING = known -> {
	};

	private final Templates templates;

	private final Aggregates aggregates;

	private final ClientLinks links;

	private final LinkSettings linkSettings;

	private final Dispatcher dispatcher;

	private final StartForecasts forecasts;

	private final AnswerWindows answerWindows;

	private final Clock clock;

	private final TraceContexts traces;

	Notifier(Templates templates, Aggregates aggregates, ClientLinks links, LinkSettings linkSettings,
			Dispatcher dispatcher, StartForecasts forecasts, AnswerWindows answerWindows, Clock clock,
			TraceContexts traces) {
		this.traces = traces;
		this.forecasts = forecasts;
		this.answerWindows = answerWindows;
		this.templates = templates;
		this.aggregates = aggregates;
		this.links = links;
		this.linkSettings = linkSettings;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/** A referral event: the referral's own messages, or its partner's. */
	void on(String eventId, ReferralEvent data) {
		Instant now = this.clock.instant();
		List<MessageRequest> requests = requestsFor(eventId, data);
		Consumer<NotificationCase> change = switch (data) {
			case ReferralSubmittedV1 submitted -> known -> {
				RecipientProfile recipient = RecipientProfile.of(submitted);
				known.followedBy(submitted.organizationId());
				known.referredBy(submitted.partnerId());
				known.recipientKnown(recipient, requests, confirming(recipient, now), this.templates, now);
			};
			case ReferralRedirectedV1 redirected -> known -> {
				RecipientProfile recipient = RecipientProfile.of(redirected);
				known.followedBy(redirected.organizationId());
				known.referredBy(redirected.partnerId());
				known.recipientKnown(recipient, requests, confirming(recipient, now), this.templates, now);
				// Redirected to crisis resources, the referral is never queued nor
				// proposed.
				known.end();
			};
			case ReferralWithdrawnV1 withdrawn -> recording(requests, now, known -> {
				known.referredBy(withdrawn.partnerId());
				known.end();
			});
			case ReferralLinkedToOpenV1 linked ->
				recording(requests, now, known -> known.referredBy(linked.partnerId()));
			case InboundReferralRejectedV1 rejected -> recording(requests, now, known -> {
				known.referredBy(rejected.partnerId());
				known.concerns(rejected.partnerReference(), rejected.violations());
			});
			// A coordinator's review of two files: nobody is written to.
			case PossibleDuplicateFlaggedV1 _, PossibleDuplicateResolvedV1 _ -> recording(requests, now, known -> {
			});
		};
		String caseId = switch (data) {
			// A rejected inbound referral has no referral id: its case is keyed by the
			// partner's reference.
			case InboundReferralRejectedV1 rejected -> "inbound-" + UUID.nameUUIDFromBytes(
					(rejected.partnerId() + "|" + rejected.partnerReference()).getBytes(StandardCharsets.UTF_8));
			case ReferralSubmittedV1 _, ReferralRedirectedV1 _, ReferralWithdrawnV1 _, ReferralLinkedToOpenV1 _,
					PossibleDuplicateFlaggedV1 _, PossibleDuplicateResolvedV1 _ ->
				EventCatalog.of(data).subjectOf(data);
		};
		apply(eventId, caseId, change);
	}

	/** A matching event: a proposal asks the client. */
	void on(String eventId, MatchingEvent data) {
		Instant now = this.clock.instant();
		List<MessageRequest> requests = requestsFor(eventId, data);
		Consumer<NotificationCase> change = switch (data) {
			case ProposalMadeV1 proposal -> proposing(eventId, proposal, requests, now);
			case NoMatchFoundV1 _, PlaceReleasedV1 _, TherapistChangedV1 _, OverrideRefusedV1 _ ->
				recording(requests, now, NOTHING);
		};
		apply(eventId, EventCatalog.of(data).subjectOf(data), change);
	}

	/** A waitlist event: check-ins ask the client, decisions close what was asked. */
	void on(String eventId, WaitlistEvent data) {
		Instant now = this.clock.instant();
		List<MessageRequest> requests = requestsFor(eventId, data);
		Consumer<NotificationCase> change = switch (data) {
			case CheckInDueV1 checkIn -> asking(ClientAnsweredV1.Subject.CHECK_IN, checkIn.checkInId(), eventId,
					checkIn.answerBy(), requests, now, NOTHING);
			case ReviewRequestedV1 review -> recording(inDigest(eventId, review, requests, now), now,
					known -> known.followedBy(review.organizationId()));
			case ProposalConfirmedV1 confirmed ->
				recording(requests, now, known -> known.close(confirmed.proposalId()));
			case ProposalDeclinedV1 declined -> recording(requests, now, known -> known.close(declined.proposalId()));
			case ProposalExpiredV1 expired -> recording(requests, now, known -> known.close(expired.proposalId()));
			case TherapyStartedV1 _ -> recording(requests, now, NotificationCase::closeAll);
			// Whoever closed it, the client's pending messages are cancelled.
			case ReferralLeftQueueV1 _, ReferralLeftQueueV2 _, TherapyEndedV1 _ ->
				recording(requests, now, NotificationCase::end);
			case WaitlistedV1 _, ProposalOverriddenV1 _, RematchRequestedV1 _, ReprioritisedV1 _, ReferralTakenV1 _,
					FollowUpRecordedV1 _ ->
				recording(requests, now, NOTHING);
		};
		apply(eventId, EventCatalog.of(data).subjectOf(data), change);
	}

	private void apply(String eventId, String caseId, Consumer<NotificationCase> change) {
		// The event's trace context, kept on its messages: a lane sends them later.
		String traceparent = this.traces.current();
		boolean applied = this.aggregates.applyOnce(NotificationCase.class, caseId, eventId,
				() -> new NotificationCase(caseId), change.andThen(known -> known.traced(eventId, traceparent)));
		if (!applied) {
			log.debug("Event {} was already applied to case {}", eventId, caseId);
			return;
		}
		this.dispatcher.wake();
	}

	private List<MessageRequest> requestsFor(String eventId, Object data) {
		return withLikelyStart(data, this.templates.requestsFor(eventId, data));
	}

	/**
	 * Coordinators hear about 60-day risks together, in the next morning's digest;
	 * returns the requests left for the event itself.
	 */
	private List<MessageRequest> inDigest(String eventId, ReviewRequestedV1 review, List<MessageRequest> requests,
			Instant now) {
		if (review.cause() != ReviewRequestedV1.Cause.SIXTY_DAY_RISK) {
			return requests;
		}
		Instant sendAt = QuietHours.nextMorning(now);
		String digestId = CoordinatorDigest.idOf(review.organizationId(), sendAt);
		this.aggregates.applyOnce(CoordinatorDigest.class, digestId, eventId, () -> new CoordinatorDigest(digestId),
				digest -> digest.add(review.organizationId(), review.referralId(), sendAt));
		return requests.stream().filter(request -> request.audience() != Audience.COORDINATOR).toList();
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

	/** Learns from the event, then records the messages it calls for. */
	private Consumer<NotificationCase> recording(List<MessageRequest> requests, Instant now,
			Consumer<NotificationCase> learn) {
		return known -> {
			learn.accept(known);
			known.request(requests, this.templates, now);
		};
	}

	/**
	 * One signed link per consented channel of a self-referred client, to confirm that
	 * destination; none for a partner's referral, whose partner vouches for the contact.
	 */
	private List<DestinationConfirmation.Issued> confirming(RecipientProfile recipient, Instant now) {
		if (!recipient.selfReferred()) {
			return List.of();
		}
		Instant expiresAt = now.plus(this.linkSettings.confirmationLifetime());
		return recipient.channels().stream().map(channel -> {
			String token = this.links.issue(expiresAt);
			return new DestinationConfirmation.Issued(
					new DestinationConfirmation(channel, ClientLinks.idOf(token), expiresAt, null),
					this.linkSettings.url(token));
		}).toList();
	}

	/**
	 * A proposal states its deadline, the one waitlist-service enforces, and reminds the
	 * client half way there; its link works until then.
	 */
	private Consumer<NotificationCase> proposing(String eventId, ProposalMadeV1 proposal, List<MessageRequest> requests,
			Instant now) {
		Optional<Duration> window = this.answerWindows.of(proposal.organizationId());
		Optional<Instant> answerBy = window.map(proposal.proposedAt()::plus);
		// A proposal arriving after its half-way point is its own reminder.
		Optional<Instant> halfWay = window.map(answerWindow -> proposal.proposedAt().plus(answerWindow.dividedBy(2)))
			.filter(now::isBefore);
		Map<String, String> deadline = MessageFacts.answerDeadline(answerBy);
		List<MessageRequest> stated = new ArrayList<>();
		for (MessageRequest request : requests) {
			MessageRequest withDeadline = request.withFacts(deadline);
			stated.add(withDeadline);
			halfWay.flatMap(
					at -> this.templates.reminderOf(withDeadline).map(template -> withDeadline.reminder(template, at)))
				.ifPresent(stated::add);
		}
		Instant expiresAt = answerBy.filter(now::isBefore).orElse(now.plus(this.linkSettings.proposalLifetime()));
		return asking(ClientAnsweredV1.Subject.PROPOSAL, proposal.proposalId(), eventId, expiresAt, stated, now,
				known -> known.followedBy(proposal.organizationId()));
	}

	private Consumer<NotificationCase> asking(ClientAnsweredV1.Subject subject, String subjectId, String eventId,
			Instant expiresAt, List<MessageRequest> requests, Instant now, Consumer<NotificationCase> learn) {
		String token = this.links.issue(expiresAt);
		String url = this.linkSettings.url(token);
		List<MessageRequest> withLink = requests.stream()
			.map(request -> request.withFacts(Map.of(Placeholder.ANSWER_LINK.token(), url)))
			.toList();
		// The link page asks in the words of the message that carries its link.
		String wording = requests.stream()
			.map(MessageRequest::template)
			.filter(OpenQuestion.AVAILABILITY::equals)
			.findFirst()
			.orElse(null);
		OpenQuestion question = new OpenQuestion(subject, subjectId, ClientLinks.idOf(token), expiresAt, null, false,
				eventId, wording);
		return known -> {
			learn.accept(known);
			known.ask(question, withLink, this.templates, now);
		};
	}

}

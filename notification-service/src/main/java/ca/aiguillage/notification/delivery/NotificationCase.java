package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.Audience;
import ca.aiguillage.notification.templates.RenderedMessage;
import ca.aiguillage.notification.templates.MessageRequest;
import ca.aiguillage.notification.templates.Placeholder;
import ca.aiguillage.notification.templates.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Everything notification-service knows about one referral (its id is the referral id):
 * how to write to the client, the messages waiting to learn that, the deliveries and
 * their attempts, the questions put to the client and the links that answer them, and
 * which of a self-referred client's destinations they confirmed. Every change is one
 * conditional write of this one document, with the events it raises.
 * <p>
 * Over 300 lines on purpose: the embedded store has no multi-document transactions, so
 * the recipient, the deliveries and the questions must stay in this one aggregate for a
 * withdrawal to cancel a pending proposal in the same write that closes its question.
 */
@Document("notification_cases")
public class NotificationCase extends Aggregate {

	/** The reason a delivery fails when no channel reaches its audience. */
	static final String NO_REACHABLE_CHANNEL = "NO_REACHABLE_CHANNEL";

	/**
	 * An attempt whose sender died or stalled past its lease: it may have reached the
	 * provider, so the next one asks first.
	 */
	static final String LEASE_EXPIRED = "LEASE_EXPIRED";

	/**
	 * How recent a claim is for its sender to send as it claimed, without a write to
	 * start: a lease of minutes less a second is as good as new.
	 */
	static final Duration AT_ONCE = Duration.ofSeconds(1);

	/** The reason a message about an open step is not sent once the referral closed. */
	static final String REFERRAL_CLOSED = "REFERRAL_CLOSED";

	/**
	 * Why a self-referral's message waits: the client has not yet confirmed that the
	 * address or number is theirs.
	 */
	static final String AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION";

	/** Why a reminder waits: it is due half way through the time to answer. */
	static final String REMINDER = "REMINDER";

	/** Why a reminder is not sent: its question was answered or closed first. */
	static final String QUESTION_CLOSED = "QUESTION_CLOSED";

	/** Why it failed: the confirmation's deadline passed without the client's. */
	static final String DESTINATION_UNCONFIRMED = "DESTINATION_UNCONFIRMED";

	/** The events whose messages ask the client about a step that is still open. */
	private static final Set<String> ASKING = Set.of(EventCatalog.PROPOSAL_MADE_V1.type(),
			EventCatalog.CHECK_IN_DUE_V1.type());

	private static final String DEFAULT_LANGUAGE = "fr";

	private @Nullable RecipientProfile recipient;

	private List<MessageRequest> awaitingRecipient = new ArrayList<>();

	private List<Delivery> deliveries = new ArrayList<>();

	private List<OpenQuestion> questions = new ArrayList<>();

	private List<DestinationConfirmation> confirmations = new ArrayList<>();

	private @Nullable String organizationId;

	private @Nullable String partnerId;

	private @Nullable String phoneHash;

	private @Nullable String partnerReference;

	private List<InboundReferralRejectedV1.Violation> violations = new ArrayList<>();

	private boolean ended;

	@PersistenceCreator
	NotificationCase(String id) {
		super(id);
	}

	/**
	 * Learns which member organization follows the referral, whose coordinators may read
	 * its delivery log.
	 */
	void followedBy(@Nullable String organizationId) {
		if (organizationId != null) {
			this.organizationId = organizationId;
		}
	}

	/** Learns which partner referred the client, who hears of every status change. */
	void referredBy(@Nullable String partnerId) {
		if (partnerId != null) {
			this.partnerId = partnerId;
		}
	}

	/** Learns the partner's own reference of a referral that was never registered. */
	void concerns(String partnerReference, List<InboundReferralRejectedV1.Violation> violations) {
		this.partnerReference = partnerReference;
		this.violations = new ArrayList<>(violations);
	}

	/** Which fields of the partner's referral broke which rule, never their values. */
	List<InboundReferralRejectedV1.Violation> violations() {
		return List.copyOf(this.violations);
	}

	@Nullable String partnerReference() {
		return this.partnerReference;
	}

	@Nullable String organizationId() {
		return this.organizationId;
	}

	@Nullable String partnerId() {
		return this.partnerId;
	}

	@Nullable String phoneHash() {
		return this.phoneHash;
	}

	/**
	 * Learns how to write to the client from their referral. The referral's own messages
	 * are recorded first, then those that arrived before it, in their order of arrival. A
	 * self-referred client's first acknowledgement carries one confirmation link per
	 * channel; every later message to a destination waits for its confirmation.
	 * @param confirming the confirmations asked of a self-referred client, none otherwise
	 */
	void recipientKnown(RecipientProfile recipient, List<MessageRequest> requests,
			List<DestinationConfirmation.Issued> confirming, Templates templates, Instant now) {
		this.recipient = recipient;
		Map<ContactChannel, String> links = new java.util.EnumMap<>(ContactChannel.class);
		if (recipient.selfReferred()) {
			for (DestinationConfirmation.Issued issued : confirming) {
				ContactChannel channel = issued.confirmation().channel();
				// A referral told again keeps the confirmation its client already has.
				if (confirmationOf(channel).isEmpty()) {
					this.confirmations.add(issued.confirmation());
					links.put(channel, issued.url());
				}
			}
		}
		List<MessageRequest> waiting = List.copyOf(this.awaitingRecipient);
		this.awaitingRecipient.clear();
		requests.forEach(request -> record(request, templates, now, links));
		waiting.forEach(request -> record(request, templates, now));
	}

	/**
	 * Records the messages an event calls for, or keeps those for the client and the
	 * referrer until the referral tells who they are.
	 */
	void request(List<MessageRequest> requests, Templates templates, Instant now) {
		for (MessageRequest request : requests) {
			boolean needsRecipient = request.audience() == Audience.CLIENT
					|| (request.audience() == Audience.REFERRER && this.partnerId == null);
			if (needsRecipient && this.recipient == null) {
				// Topics are ordered per referral, not across services: a proposal can
				// overtake its referral.
				this.awaitingRecipient.add(request);
				continue;
			}
			record(request, templates, now);
		}
	}

	private void record(MessageRequest request, Templates templates, Instant now) {
		record(request, templates, now, null);
	}

	/**
	 * @param acknowledging the confirmation links by channel when this is the first
	 * acknowledgement, which never waits; null for any later message
	 */
	private void record(MessageRequest request, Templates templates, Instant now,
			@Nullable Map<ContactChannel, String> acknowledging) {
		String fee = (this.recipient != null) ? this.recipient.fee() : "NONE";
		MessageRequest complete = request.withFacts(Map.of(Placeholder.FEE.token(), fee));
		switch (request.audience()) {
			case CLIENT -> recordForClient(complete, templates, now, acknowledging);
			case REFERRER -> {
				if (this.partnerId != null) {
					add(Delivery.of(complete, Channel.WEBHOOK, DeliveryStatus.PENDING,
							templates.render(complete.template(), DEFAULT_LANGUAGE, complete.facts()), now, now));
				}
			}
			case COORDINATOR -> add(Delivery.of(complete, Channel.EMAIL, DeliveryStatus.PENDING,
					templates.render(complete.template(), DEFAULT_LANGUAGE, complete.facts()), now, now));
		}
	}

	private void recordForClient(MessageRequest request, Templates templates, Instant now,
			@Nullable Map<ContactChannel, String> acknowledging) {
		RecipientProfile known = this.recipient;
		if (request.notBefore() != null && (!request.notBefore().isAfter(now) || known.channels().isEmpty())) {
			// Past its time (the referral arrived late) the question is fresh; and
			// coordinators already know of a client no channel reaches.
			return;
		}
		RenderedMessage message = templates.render(request.template(), known.language(), request.facts());
		if (known.channels().isEmpty()) {
			// Kept anyway: it tells a coordinator what the client must hear some other
			// way.
			Delivery unreachable = Delivery.of(request, Channel.NONE, DeliveryStatus.UNREACHABLE, message, now, now)
				.finished(DeliveryStatus.UNREACHABLE, null, NO_REACHABLE_CHANNEL, List.of());
			add(unreachable);
			raiseRecorded(unreachable, now);
			return;
		}
		for (ContactChannel consented : known.channels()) {
			Channel channel = Channel.of(consented);
			Instant due = (request.notBefore() != null) ? QuietHours.nextAllowed(request.notBefore())
					: (channel == Channel.SMS && !request.urgent()) ? QuietHours.nextAllowed(now) : now;
			String link = (acknowledging != null) ? acknowledging.get(consented) : null;
			if (link != null) {
				MessageRequest asking = templates.forSelfReferral(request)
					.map(template -> request.withTemplate(template)
						.withFacts(Map.of(Placeholder.CONFIRM_LINK.token(), link)))
					.orElse(request);
				add(Delivery.of(asking, channel, DeliveryStatus.PENDING,
						templates.render(asking.template(), known.language(), asking.facts()), now, due));
				continue;
			}
			Delivery delivery = Delivery.of(request, channel, DeliveryStatus.PENDING, message, now, due);
			if (request.notBefore() != null) {
				delivery = delivery.scheduled(due, REMINDER);
			}
			DestinationConfirmation confirmation = (acknowledging == null) ? unconfirmed(consented).orElse(null) : null;
			if (confirmation == null) {
				add(delivery);
			}
			else if (confirmation.lapsed(now)) {
				Delivery failed = delivery.finished(DeliveryStatus.FAILED, null, DESTINATION_UNCONFIRMED, List.of());
				if (add(failed)) {
					raiseRecorded(failed, now);
				}
			}
			else {
				// Whoever filled the public form chose the destination: nothing beyond
				// the
				// acknowledgement goes before its owner confirms it.
				add(delivery.waiting(confirmation.expiresAt(), AWAITING_CONFIRMATION));
			}
		}
	}

	private boolean add(Delivery delivery) {
		// The same event, template, audience and channel is one message, however it came.
		if (this.deliveries.stream().noneMatch(known -> known.deliveryId().equals(delivery.deliveryId()))) {
			this.deliveries.add(delivery);
			return true;
		}
		return false;
	}

	private Optional<DestinationConfirmation> confirmationOf(ContactChannel channel) {
		return this.confirmations.stream().filter(confirmation -> confirmation.channel() == channel).findFirst();
	}

	/**
	 * The confirmation a self-referral's destination still lacks; none for a partner's
	 * referral, a confirmed destination, or a case recorded before confirmations existed.
	 */
	private Optional<DestinationConfirmation> unconfirmed(ContactChannel channel) {
		return confirmationOf(channel).filter(confirmation -> !confirmation.confirmed());
	}

	/** The confirmation a link asks for, if it is one. */
	public Optional<DestinationConfirmation> confirmation(String linkId) {
		return this.confirmations.stream().filter(confirmation -> confirmation.linkId().equals(linkId)).findFirst();
	}

	/**
	 * The client confirms a destination through its link, once: the messages waiting for
	 * it become due.
	 * @param linkId the id from the link's checked token
	 * @return what became of it
	 */
	public AnswerOutcome confirm(String linkId, Instant now) {
		DestinationConfirmation found = confirmation(linkId).orElse(null);
		if (found == null) {
			return AnswerOutcome.UNKNOWN;
		}
		if (found.confirmed()) {
			return AnswerOutcome.ALREADY_USED;
		}
		if (found.lapsed(now)) {
			return AnswerOutcome.EXPIRED;
		}
		this.confirmations.replaceAll(known -> known.linkId().equals(linkId) ? known.confirm(now) : known);
		Channel channel = Channel.of(found.channel());
		Instant due = (channel == Channel.SMS) ? QuietHours.nextAllowed(now) : now;
		this.deliveries.replaceAll(delivery -> awaitsConfirmation(delivery) && delivery.channel() == channel
				? delivery.releasedAt(now, due) : delivery);
		return AnswerOutcome.RECORDED;
	}

	/**
	 * Messages whose destination's confirmation deadline passed fail, and the other
	 * services hear of it.
	 * @return whether any did
	 */
	boolean lapse(Instant now) {
		boolean changed = false;
		for (int i = 0; i < this.deliveries.size(); i++) {
			Delivery delivery = this.deliveries.get(i);
			if (awaitsConfirmation(delivery) && lapsedFor(delivery.channel(), now)) {
				Delivery failed = delivery.finished(DeliveryStatus.FAILED, null, DESTINATION_UNCONFIRMED, List.of());
				this.deliveries.set(i, failed);
				raiseRecorded(failed, now);
				changed = true;
			}
		}
		return changed;
	}

	private static boolean awaitsConfirmation(Delivery delivery) {
		return delivery.status() == DeliveryStatus.PENDING && AWAITING_CONFIRMATION.equals(delivery.reasonCode());
	}

	private boolean lapsedFor(Channel channel, Instant now) {
		return this.confirmations.stream()
			.anyMatch(confirmation -> Channel.of(confirmation.channel()) == channel && confirmation.lapsed(now));
	}

	/**
	 * Puts a question to the client with the messages that ask it; an earlier one about
	 * the same subject id is kept. Once the referral closed, the question is recorded
	 * closed and nothing is sent.
	 */
	void ask(OpenQuestion question, List<MessageRequest> requests, Templates templates, Instant now) {
		if (this.questions.stream().anyMatch(known -> known.subjectId().equals(question.subjectId()))) {
			// The same proposal or check-in announced again (matching keeps a proposal
			// and
			// announces it anew when it refuses an override): the client was already
			// asked.
			return;
		}
		this.questions.add(this.ended ? question.close() : question);
		if (!this.ended) {
			request(requests, templates, now);
		}
	}

	/**
	 * The referral closed (withdrawn, out of the queue, therapy ended): no question
	 * awaits an answer any more, and no message about an open step goes out.
	 */
	void end() {
		this.ended = true;
		closeAll();
		this.awaitingRecipient.removeIf(request -> ASKING.contains(request.eventType()));
		// A message already with a sender is stopped when the sender starts; one taken up
		// at once goes as its claim found the case (goesAsClaimed).
		this.deliveries.replaceAll(delivery -> (delivery.status() == DeliveryStatus.PENDING && asks(delivery))
				? delivery.finished(DeliveryStatus.CANCELLED, null, REFERRAL_CLOSED, List.of()) : delivery);
	}

	private static boolean asks(Delivery delivery) {
		return ASKING.contains(delivery.eventType());
	}

	/** The question about this proposal or check-in no longer awaits an answer. */
	void close(String subjectId) {
		this.questions.replaceAll(question -> question.subjectId().equals(subjectId) ? question.close() : question);
		cancelMootReminders();
	}

	/** Every question that awaits an answer is closed: the referral left the queue. */
	void closeAll() {
		this.questions.replaceAll(OpenQuestion::close);
		cancelMootReminders();
	}

	/** A reminder of a question answered or decided otherwise would only confuse. */
	private void cancelMootReminders() {
		this.deliveries.replaceAll(delivery -> (delivery.status() == DeliveryStatus.PENDING && moot(delivery))
				? delivery.finished(DeliveryStatus.CANCELLED, null, QUESTION_CLOSED, List.of()) : delivery);
	}

	private boolean moot(Delivery delivery) {
		return REMINDER.equals(delivery.reasonCode()) && this.questions.stream()
			.anyMatch(question -> question.closed() && delivery.eventId().equals(question.askedBy()));
	}

	/** How an answer through a link or a text message was taken. */
	public enum AnswerOutcome {

		/** Recorded; waitlist-service hears of it. */
		RECORDED,
		/** The link was used before. */
		ALREADY_USED,
		/** The link expired. */
		EXPIRED,
		/** The question no longer awaits an answer. */
		CLOSED,
		/** The answer does not fit the question. */
		NOT_ALLOWED,
		/** No such link or question. */
		UNKNOWN

	}

	/**
	 * Takes the client's answer through a link, once.
	 * @param linkId the id from the link's checked token
	 * @return what became of it
	 */
	public AnswerOutcome answer(String linkId, ClientAnsweredV1.Answer answer, ClientAnsweredV1.Channel channel,
			Instant now) {
		Optional<OpenQuestion> found = question(linkId);
		if (found.isEmpty()) {
			return AnswerOutcome.UNKNOWN;
		}
		OpenQuestion question = found.get();
		if (question.answer() != null) {
			return AnswerOutcome.ALREADY_USED;
		}
		if (!now.isBefore(question.expiresAt())) {
			return AnswerOutcome.EXPIRED;
		}
		if (question.closed()) {
			return AnswerOutcome.CLOSED;
		}
		if (!answersFor(question.subject()).contains(answer)) {
			return AnswerOutcome.NOT_ALLOWED;
		}
		this.questions.replaceAll(known -> known.linkId().equals(linkId) ? known.answered(answer) : known);
		cancelMootReminders();
		raise(new ClientAnsweredV1(getId(), question.subject(), question.subjectId(), answer, channel, now));
		return AnswerOutcome.RECORDED;
	}

	/**
	 * The latest question that awaits an answer, for a text-message reply.
	 */
	public Optional<OpenQuestion> latestOpenQuestion(Instant now) {
		return this.questions.stream()
			.filter(question -> !question.closed() && now.isBefore(question.expiresAt()))
			.max(Comparator.comparing(OpenQuestion::expiresAt));
	}

	public Optional<OpenQuestion> question(String linkId) {
		return this.questions.stream().filter(question -> question.linkId().equals(linkId)).findFirst();
	}

	public static List<ClientAnsweredV1.Answer> answersFor(ClientAnsweredV1.Subject subject) {
		return (subject == ClientAnsweredV1.Subject.PROPOSAL)
				? List.of(ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Answer.DECLINE)
				: List.of(ClientAnsweredV1.Answer.STILL_WAITING, ClientAnsweredV1.Answer.NO_LONGER_NEEDED,
						ClientAnsweredV1.Answer.WORSE);
	}

	/**
	 * Deliveries that may go now, or whose sender's lease ran out; one that
	 * {@linkplain #waitsBehind waits behind an earlier message} is not due yet.
	 */
	List<Delivery> due(Instant now) {
		return this.deliveries.stream().filter(delivery -> delivery.dueAt(now) && !waitsBehind(delivery)).toList();
	}

	/**
	 * Whether a pending message waits for one recorded before it to the same audience by
	 * the same channel that is with a sender or due no later than it: a client hears "we
	 * have received your request" before "a place is offered to you", whichever of the
	 * lane's senders is free first. An earlier message held back until later (a retry,
	 * quiet hours, a destination not yet confirmed) holds nothing up.
	 */
	boolean waitsBehind(Delivery delivery) {
		if (delivery.status() != DeliveryStatus.PENDING || delivery.dueAt() == null) {
			return false;
		}
		for (Delivery earlier : this.deliveries) {
			if (earlier.deliveryId().equals(delivery.deliveryId())) {
				return false;
			}
			boolean sameWay = earlier.audience() == delivery.audience() && earlier.channel() == delivery.channel();
			boolean ahead = earlier.status() == DeliveryStatus.SENDING || (earlier.status() == DeliveryStatus.PENDING
					&& earlier.dueAt() != null && !earlier.dueAt().isAfter(delivery.dueAt()));
			if (sameWay && ahead) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Takes a due delivery for one sender until the lease runs out.
	 * @return the claimed delivery, or empty when it is not due any more
	 */
	Optional<Delivery> claim(String deliveryId, Instant now, Duration lease) {
		boolean claimed = replace(deliveryId,
				delivery -> delivery.dueAt(now)
						? delivery.claimed(now.plus(lease), (delivery.status() == DeliveryStatus.SENDING)
								? List.of(new Delivery.Attempt(now, LEASE_EXPIRED)) : List.of())
						: null);
		return claimed ? delivery(deliveryId) : Optional.empty();
	}

	/**
	 * A sender is about to send a delivery it claimed: its lease starts again now, unless
	 * a later claim took it over or the step it is about closed meanwhile.
	 * @param claimed the delivery as the sender claimed it
	 * @return whether the sender may send it
	 */
	boolean start(Delivery claimed, Instant now, Duration lease) {
		Delivery current = held(claimed);
		if (current == null) {
			return false;
		}
		if (this.ended && asks(current)) {
			replace(current.deliveryId(),
					delivery -> delivery.finished(DeliveryStatus.CANCELLED, null, REFERRAL_CLOSED, List.of()));
			return false;
		}
		if (moot(current)) {
			replace(current.deliveryId(),
					delivery -> delivery.finished(DeliveryStatus.CANCELLED, null, QUESTION_CLOSED, List.of()));
			return false;
		}
		return replace(current.deliveryId(), delivery -> delivery.claimed(now.plus(lease)));
	}

	/**
	 * Whether a sender may send a delivery just as it claimed it, without starting it
	 * again: the claim is still its own, the step the delivery is about is still open,
	 * and the claim is so recent ({@link #AT_ONCE}) that starting it would only renew a
	 * lease as good as new. A delivery that waited in its lane behind a slow destination
	 * starts again instead ({@link #start}).
	 * @param claimed the delivery as the sender claimed it, in this case as it saved it
	 * @param lease the length of a lease
	 */
	boolean goesAsClaimed(Delivery claimed, Instant now, Duration lease) {
		Delivery current = held(claimed);
		return current != null && claimed.leaseUntil() != null && !(this.ended && asks(current)) && !moot(current)
				&& !now.isAfter(claimed.leaseUntil().minus(lease).plus(AT_ONCE));
	}

	/** The delivery as stored, if the lease of this claim still holds it. */
	private @Nullable Delivery held(Delivery claimed) {
		Delivery current = delivery(claimed.deliveryId()).orElse(null);
		if (current == null || claimed.leaseUntil() == null || !current.claimedUntil(claimed.leaseUntil())) {
			return null;
		}
		return current;
	}

	/**
	 * A passing failure: the delivery waits for another attempt at {@code nextAt}.
	 */
	void retry(String deliveryId, Instant nextAt, List<Delivery.Attempt> attempts) {
		replace(deliveryId, delivery -> delivery.status().finished() ? null : delivery.retried(nextAt, attempts));
	}

	/** Gives a claimed delivery back, to be taken again later. */
	void release(String deliveryId) {
		replace(deliveryId, delivery -> (delivery.status() == DeliveryStatus.SENDING) ? delivery.released() : null);
	}

	/**
	 * Records how a delivery ended, and tells the other services.
	 * @param outcome SENT or FAILED
	 * @param maskedAddress where it went, masked
	 * @param phoneHash the keyed hash of the mobile number, for a text message
	 */
	void finish(String deliveryId, DeliveryStatus outcome, @Nullable String maskedAddress, @Nullable String reasonCode,
			List<Delivery.Attempt> attempts, @Nullable String phoneHash, Instant now) {
		boolean changed = replace(deliveryId, delivery -> delivery.status().finished() ? null
				: delivery.finished(outcome, maskedAddress, reasonCode, attempts));
		if (!changed) {
			return;
		}
		if (phoneHash != null) {
			this.phoneHash = phoneHash;
		}
		delivery(deliveryId).ifPresent(delivery -> raiseRecorded(delivery, now));
	}

	private void raiseRecorded(Delivery delivery, Instant now) {
		raise(new DeliveryRecordedV1(getId(), delivery.deliveryId(), delivery.eventType(),
				DeliveryRecordedV1.Audience.valueOf(delivery.audience().name()), delivery.channel().onTheWire(),
				(delivery.status() == DeliveryStatus.SENT) ? DeliveryRecordedV1.Outcome.SENT
						: DeliveryRecordedV1.Outcome.FAILED,
				// A sent message's only note is that its server never confirmed it: say
				// so.
				(delivery.status() == DeliveryStatus.SENT) ? eventCode(delivery.reasonCode())
						: unreachedCode(delivery.reasonCode()),
				now));
	}

	/**
	 * A destination nobody confirmed is, for the other services, no channel at all when
	 * the client confirmed none: waitlist-service then asks a coordinator to reach them.
	 */
	private @Nullable String unreachedCode(@Nullable String reason) {
		if (DESTINATION_UNCONFIRMED.equals(reason)
				&& this.confirmations.stream().noneMatch(DestinationConfirmation::confirmed)) {
			return NO_REACHABLE_CHANNEL;
		}
		return eventCode(reason);
	}

	/**
	 * The reason as the event's code: the log keeps the provider's own words (masked),
	 * the event a code of letters only, as its contract asks; a provider's numbered
	 * refusal ({@code SMTP_550}, {@code SMS_400 21211 …}, {@code WEBHOOK_404}) becomes
	 * its channel's {@code _REFUSED}.
	 */
	static @Nullable String eventCode(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			return null;
		}
		String first = reason.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
		if (first.matches("[A-Z_]+")) {
			return first;
		}
		String family = first.replaceAll("[^A-Z_].*$", "").replaceAll("_+$", "");
		return (family.isEmpty() ? "PROVIDER" : family) + "_REFUSED";
	}

	private boolean replace(String deliveryId, java.util.function.Function<Delivery, @Nullable Delivery> change) {
		for (int i = 0; i < this.deliveries.size(); i++) {
			Delivery delivery = this.deliveries.get(i);
			if (delivery.deliveryId().equals(deliveryId)) {
				Delivery changed = change.apply(delivery);
				if (changed == null) {
					return false;
				}
				this.deliveries.set(i, changed);
				return true;
			}
		}
		return false;
	}

	Optional<Delivery> delivery(String deliveryId) {
		return this.deliveries.stream().filter(delivery -> delivery.deliveryId().equals(deliveryId)).findFirst();
	}

	public @Nullable RecipientProfile recipient() {
		return this.recipient;
	}

	List<MessageRequest> awaitingRecipient() {
		return List.copyOf(this.awaitingRecipient);
	}

	/**
	 * Keeps the trace context of the event on the messages it called for, for their send.
	 */
	void traced(String eventId, @Nullable String traceparent) {
		if (traceparent == null) {
			return;
		}
		for (int i = 0; i < this.deliveries.size(); i++) {
			Delivery delivery = this.deliveries.get(i);
			if (delivery.eventId().equals(eventId) && delivery.traceparent() == null) {
				this.deliveries.set(i, delivery.traced(traceparent));
			}
		}
	}

	List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	List<OpenQuestion> questions() {
		return List.copyOf(this.questions);
	}

	List<DestinationConfirmation> confirmations() {
		return List.copyOf(this.confirmations);
	}

}

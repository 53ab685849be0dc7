package ca.aiguillage.notification.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import ca.aiguillage.notification.channels.ChannelFailure;
import ca.aiguillage.notification.channels.EmailChannel;
import ca.aiguillage.notification.channels.Guards;
import ca.aiguillage.notification.channels.Lanes;
import ca.aiguillage.notification.channels.SmsGateway;
import ca.aiguillage.notification.channels.WebhookChannel;
import ca.aiguillage.notification.consent.SmsOptOuts;
import ca.aiguillage.notification.contacts.Contact;
import ca.aiguillage.notification.contacts.ContactDirectory;
import ca.aiguillage.notification.contacts.Masks;
import ca.aiguillage.notification.contacts.PhoneHashes;
import ca.aiguillage.notification.webhooks.PartnerWebhook;
import ca.aiguillage.notification.webhooks.PartnerWebhooks;
import ca.aiguillage.platform.outbox.Aggregate;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.work.WakeablePoller;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: claims them in their case (one conditional write), hands each to
 * its destination's lane, and records the outcome with every attempt (another one). A
 * sender that dies leaves a lease that runs out, and the delivery is taken again.
 */
@Component
class Dispatcher extends WakeablePoller {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final int BATCH = 50;

	private static final int WRITE_ATTEMPTS = 20;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final Lanes lanes;

	private final Guards guards;

	private final ContactDirectory contacts;

	private final EmailChannel email;

	private final SmsGateway sms;

	private final WebhookChannel webhooks;

	private final PartnerWebhooks partnerWebhooks;

	private final SmsOptOuts optOuts;

	private final PhoneHashes phoneHashes;

	private final DispatchSettings settings;

	private final Templates templates;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final MeterRegistry meters;

	Dispatcher(MongoOperations mongo, Aggregates aggregates, Lanes lanes, Guards guards, ContactDirectory contacts,
			EmailChannel email, SmsGateway sms, WebhookChannel webhooks, PartnerWebhooks partnerWebhooks,
			SmsOptOuts optOuts, PhoneHashes phoneHashes, DispatchSettings settings, Templates templates, Clock clock,
			MeterRegistry meters) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.lanes = lanes;
		this.guards = guards;
		this.contacts = contacts;
		this.email = email;
		this.sms = sms;
		this.webhooks = webhooks;
		this.partnerWebhooks = partnerWebhooks;
		this.optOuts = optOuts;
		this.phoneHashes = phoneHashes;
		this.settings = settings;
		this.templates = templates;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Claims and queues every delivery due now.
	 * @return how many were queued
	 */
	int dispatchDue() {
		Instant now = this.clock.instant();
		Criteria pending = Criteria.where("deliveries")
			.elemMatch(Criteria.where("status").is(DeliveryStatus.PENDING.name()).and("dueAt").lte(now));
		Criteria abandoned = Criteria.where("deliveries")
			.elemMatch(Criteria.where("status").is(DeliveryStatus.SENDING.name()).and("leaseUntil").lte(now));
		Query due = new Query(new Criteria().orOperator(pending, abandoned)).limit(BATCH);
		int queued = dispatchDigests(now);
		for (NotificationCase found : this.mongo.find(due, NotificationCase.class)) {
			queued += dispatch(found.getId(), now);
		}
		return queued;
	}

	private int dispatch(String caseId, Instant now) {
		List<Delivery> claimed = new ArrayList<>();
		Optional<NotificationCase> saved = update(caseId, known -> {
			claimed.clear();
			for (Delivery delivery : known.due(now)) {
				if (known.claim(delivery.deliveryId(), now, this.settings.lease())) {
					claimed.add(delivery);
				}
			}
			return !claimed.isEmpty();
		});
		if (saved.isEmpty()) {
			return 0;
		}
		int queued = 0;
		for (Delivery delivery : claimed) {
			String lane = laneOf(delivery, saved.get());
			NotificationCase snapshot = saved.get();
			if (this.lanes.offer(lane, () -> send(snapshot, delivery))) {
				queued++;
			}
			else {
				// The lane is full: the delivery stays due and is taken again later.
				update(caseId, known -> {
					known.release(delivery.deliveryId());
					return true;
				});
			}
		}
		return queued;
	}

	private static String laneOf(Delivery delivery, NotificationCase known) {
		return switch (delivery.channel()) {
			case WEBHOOK -> "webhook:" + known.partnerId();
			case SMS -> SmsGateway.NAME;
			default -> EmailChannel.NAME;
		};
	}

	/** What became of one delivery. */
	private record Outcome(DeliveryStatus status, @Nullable String address, @Nullable String reason,
			List<Guards.Attempt> attempts, @Nullable String phoneHash) {

		static Outcome failed(String reason, List<Guards.Attempt> attempts, @Nullable String address) {
			return new Outcome(DeliveryStatus.FAILED, address, reason, attempts, null);
		}

	}

	private void send(NotificationCase known, Delivery delivery) {
		List<Guards.Attempt> attempts = new ArrayList<>();
		Outcome outcome;
		try {
			outcome = switch (delivery.audience()) {
				case CLIENT -> toClient(known, delivery, attempts);
				case REFERRER -> toReferrer(known, delivery, attempts);
				case COORDINATOR -> toCoordinators(known, delivery, attempts);
			};
		}
		catch (ChannelFailure ex) {
			outcome = Outcome.failed(ex.reason(), attempts, null);
		}
		catch (RuntimeException ex) {
			log.warn("Delivery {} of case {} failed: {}", delivery.deliveryId(), known.getId(),
					ex.getClass().getSimpleName());
			outcome = Outcome.failed("ERROR " + ex.getClass().getSimpleName(), attempts, null);
		}
		Outcome finished = outcome;
		List<Delivery.Attempt> log = finished.attempts()
			.stream()
			.map(attempt -> new Delivery.Attempt(attempt.at(), attempt.outcome()))
			.toList();
		update(known.getId(), fresh -> {
			fresh.finish(delivery.deliveryId(), finished.status(), finished.address(), finished.reason(), log,
					finished.phoneHash(), this.clock.instant());
			return true;
		});
		this.meters
			.counter("aiguillage.notification.deliveries", "audience", delivery.audience().name(), "channel",
					delivery.channel().name(), "outcome", finished.status().name())
			.increment();
		Dispatcher.log.info("Delivery {} ({} to {} by {}) {}{}", delivery.deliveryId(), delivery.template(),
				delivery.audience(), delivery.channel(), finished.status(),
				(finished.reason() != null) ? " " + finished.reason() : "");
	}

	private Outcome toClient(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts) {
		List<Guards.Attempt> lookups = new ArrayList<>();
		Optional<Contact> found;
		try {
			found = this.contacts.find(known.getId(), lookups);
		}
		finally {
			lookups.stream().filter(Predicate.not(attempt -> "OK".equals(attempt.outcome()))).forEach(attempts::add);
		}
		if (found.isEmpty()) {
			return Outcome.failed("CONTACT_UNKNOWN", attempts, null);
		}
		Contact contact = found.get();
		if (delivery.channel() == Channel.EMAIL) {
			String address = contact.email();
			if (address == null || address.isBlank() || !contact.consentsTo("email")) {
				return Outcome.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts, null);
			}
			this.guards.call(EmailChannel.NAME, () -> {
				this.email.send(address, delivery.subject(), delivery.body(),
						EmailHtml.of(delivery.language(), delivery.subject(), delivery.body()), delivery.deliveryId());
				return true;
			}, attempts);
			return new Outcome(DeliveryStatus.SENT, Masks.email(address), null, attempts, null);
		}
		String mobile = contact.mobilePhone();
		if (mobile == null || mobile.isBlank() || !contact.consentsTo("sms")) {
			return Outcome.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts, null);
		}
		String hash = this.phoneHashes.of(mobile);
		if (this.optOuts.optedOut(hash)) {
			return new Outcome(DeliveryStatus.FAILED, Masks.phone(mobile), "OPTED_OUT", attempts, hash);
		}
		this.guards.call(SmsGateway.NAME, () -> this.sms.send(mobile, delivery.body()), attempts);
		return new Outcome(DeliveryStatus.SENT, Masks.phone(mobile), null, attempts, hash);
	}

	private Outcome toReferrer(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts) {
		Optional<PartnerWebhook> webhook = Optional.ofNullable(known.partnerId()).flatMap(this.partnerWebhooks::of);
		if (webhook.isEmpty()) {
			return Outcome.failed("NO_WEBHOOK", attempts, null);
		}
		URI url = webhook.get().url();
		String body = this.json.writeValueAsString(webhookBody(known, delivery));
		this.guards.call(WebhookChannel.breakerOf(url), () -> {
			this.webhooks.post(url, webhook.get().secret(), delivery.deliveryId(), body);
			return true;
		}, attempts);
		return new Outcome(DeliveryStatus.SENT, url.getScheme() + "://" + url.getAuthority() + "/…", null, attempts,
				null);
	}

	private static Map<String, Object> webhookBody(NotificationCase known, Delivery delivery) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", delivery.deliveryId());
		body.put("type", delivery.eventType());
		body.put("status", delivery.template().replaceFirst("^referrer-", ""));
		if (known.partnerReference() != null) {
			body.put("partnerReference", known.partnerReference());
			body.put("violations", known.violations());
		}
		else {
			body.put("referralId", known.getId());
		}
		body.put("summary", delivery.subject());
		body.put("language", delivery.language());
		body.put("occurredAt", delivery.recordedAt().toString());
		return body;
	}

	private Outcome toCoordinators(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts) {
		String address = this.settings.coordinatorsOf(known.organizationId());
		if (address == null || address.isBlank()) {
			return Outcome.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts, null);
		}
		this.guards.call(EmailChannel.NAME, () -> {
			this.email.send(address, delivery.subject(), delivery.body(),
					EmailHtml.of(delivery.language(), delivery.subject(), delivery.body()), delivery.deliveryId());
			return true;
		}, attempts);
		return new Outcome(DeliveryStatus.SENT, Masks.email(address), null, attempts, null);
	}

	/**
	 * Changes one case in one conditional write, retrying on a fresh copy when another
	 * writer came first.
	 * @param change returns false when there is nothing to save
	 * @return the saved case, or empty when nothing changed
	 */
	Optional<NotificationCase> update(String caseId, Predicate<NotificationCase> change) {
		return update(NotificationCase.class, caseId, change);
	}

	private <T extends Aggregate> Optional<T> update(Class<T> type, String id, Predicate<T> change) {
		for (int attempt = 1;; attempt++) {
			Optional<T> found = this.aggregates.find(type, id);
			if (found.isEmpty() || !change.test(found.get())) {
				return Optional.empty();
			}
			try {
				return Optional.of(this.aggregates.save(found.get()));
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == WRITE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** Sends the coordinators' digests whose morning has come. */
	private int dispatchDigests(Instant now) {
		Criteria pending = Criteria.where("status").is(DeliveryStatus.PENDING.name()).and("dueAt").lte(now);
		Criteria abandoned = Criteria.where("status").is(DeliveryStatus.SENDING.name()).and("leaseUntil").lte(now);
		int queued = 0;
		for (CoordinatorDigest found : this.mongo.find(new Query(new Criteria().orOperator(pending, abandoned)),
				CoordinatorDigest.class)) {
			Optional<CoordinatorDigest> claimed = update(CoordinatorDigest.class, found.getId(),
					digest -> digest.claim(now, this.settings.lease()));
			if (claimed.isPresent() && this.lanes.offer(EmailChannel.NAME, () -> sendDigest(claimed.get()))) {
				queued++;
			}
		}
		return queued;
	}

	private void sendDigest(CoordinatorDigest digest) {
		List<Guards.Attempt> attempts = new ArrayList<>();
		DeliveryStatus outcome = DeliveryStatus.SENT;
		String reason = null;
		String address = this.settings.coordinatorsOf(digest.organizationId());
		try {
			if (address == null || address.isBlank()) {
				throw new ChannelFailure(true, NotificationCase.NO_REACHABLE_CHANNEL);
			}
			Templates.Language language = this.templates.language("fr");
			String count = Integer.toString(digest.referralIds().size());
			String subject = language.text("digest.subject").replace("{count}", count);
			String body = language.text("digest.body")
				.replace("{count}", count)
				.replace("{referrals}", String.join("\n", digest.referralIds().stream().map(id -> "- " + id).toList()));
			this.guards.call(EmailChannel.NAME, () -> {
				this.email.send(address, subject, body, EmailHtml.of(language.code(), subject, body), digest.getId());
				return true;
			}, attempts);
		}
		catch (ChannelFailure ex) {
			outcome = DeliveryStatus.FAILED;
			reason = ex.reason();
		}
		DeliveryStatus finished = outcome;
		String finishedReason = reason;
		List<Delivery.Attempt> log = attempts.stream()
			.map(attempt -> new Delivery.Attempt(attempt.at(), attempt.outcome()))
			.toList();
		update(CoordinatorDigest.class, digest.getId(), fresh -> {
			fresh.finish(finished, finishedReason, log);
			return true;
		});
		Dispatcher.log.info("Digest {} of {} referrals {}", digest.getId(), digest.referralIds().size(), finished);
	}

	@Override
	protected void pollOnce() {
		dispatchDue();
	}

	@Override
	protected Duration pollInterval() {
		return this.settings.pollInterval();
	}

	@Override
	protected String threadName() {
		return "notification-dispatcher";
	}

}

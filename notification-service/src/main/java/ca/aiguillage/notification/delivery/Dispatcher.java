package ca.aiguillage.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ca.aiguillage.notification.channels.ChannelFailure;
import ca.aiguillage.notification.channels.EmailChannel;
import ca.aiguillage.notification.channels.Guards;
import ca.aiguillage.notification.channels.Lanes;
import ca.aiguillage.notification.channels.SendWindow;
import ca.aiguillage.notification.channels.SmsGateway;
import ca.aiguillage.notification.channels.UnconfirmedSend;
import ca.aiguillage.notification.templates.Audience;
import ca.aiguillage.platform.work.WakeablePoller;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: claims them in their case, hands each to its destination's lane
 * and its audience's sender, and records the outcome. A sender that dies leaves a lease
 * that runs out, and the delivery is taken again.
 */
@Component
class Dispatcher extends WakeablePoller {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final DueDeliveries due;

	private final Lanes lanes;

	private final ClientSender client;

	private final ReferrerSender referrer;

	private final CoordinatorSender coordinators;

	private final DigestSender digests;

	private final DispatchSettings settings;

	private final Clock clock;

	private static final String DELIVERIES = "aiguillage.notification.deliveries";

	private final MeterRegistry meters;

	private final SendSpans spans;

	Dispatcher(DueDeliveries due, Lanes lanes, ClientSender client, ReferrerSender referrer,
			CoordinatorSender coordinators, DigestSender digests, DispatchSettings settings, Clock clock,
			MeterRegistry meters, SendSpans spans) {
		this.spans = spans;
		this.due = due;
		this.lanes = lanes;
		this.client = client;
		this.referrer = referrer;
		this.coordinators = coordinators;
		this.digests = digests;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		// Present at zero from the start, so that the dashboard's rates have a series.
		for (Audience audience : Audience.values()) {
			for (Channel channel : Channel.values()) {
				for (DeliveryStatus status : DeliveryStatus.values()) {
					meters.counter(DELIVERIES, "audience", audience.name(), "channel", channel.name(), "outcome",
							status.name());
				}
			}
		}
	}

	/** Claims and queues every delivery due now; returns how many were queued. */
	int dispatchDue() {
		Instant now = this.clock.instant();
		int queued = dispatchDigests(now);
		for (String caseId : this.due.casesDue(now)) {
			// Each claim at its own time: its sender goes as claimed when a lane takes it
			// up at once, however long the cases before it took.
			queued += dispatch(caseId, this.clock.instant());
		}
		return queued;
	}

	private int dispatch(String caseId, Instant now) {
		DueDeliveries.Claimed claimed = this.due.claim(caseId, now).orElse(null);
		if (claimed == null) {
			return 0;
		}
		int queued = 0;
		for (Delivery delivery : claimed.deliveries()) {
			if (this.lanes.offer(laneOf(delivery, claimed.known()), () -> send(claimed.known(), delivery))) {
				queued++;
			}
			else {
				// The lane is full: the delivery stays due and is taken again later.
				this.due.release(caseId, delivery.deliveryId());
			}
		}
		return queued;
	}

	private static String laneOf(Delivery delivery, NotificationCase known) {
		return switch (delivery.channel()) {
			case WEBHOOK -> "webhook:" + known.partnerId();
			case SMS -> SmsGateway.NAME;
			case EMAIL, NONE -> EmailChannel.NAME;
		};
	}

	private void send(NotificationCase claimedCase, Delivery claimed) {
		this.spans.within(claimed.traceparent(),
				"notification send " + claimed.channel().name().toLowerCase(java.util.Locale.ROOT),
				() -> sendInTrace(claimedCase, claimed));
	}

	private void sendInTrace(NotificationCase claimedCase, Delivery claimed) {
		// Queued behind a slow destination, the delivery may have been claimed again or
		// its referral closed.
		NotificationCase known = this.due.start(claimedCase, claimed, this.clock.instant()).orElse(null);
		if (known == null) {
			return;
		}
		Delivery delivery = known.delivery(claimed.deliveryId()).orElseThrow();
		AudienceSender sender = switch (delivery.audience()) {
			case CLIENT -> this.client;
			case REFERRER -> this.referrer;
			case COORDINATOR -> this.coordinators;
		};
		List<Guards.Attempt> attempts = new ArrayList<>();
		DeliveryResult result = SendWindow.within(window(delivery.leaseUntil()),
				() -> guarded(() -> sender.send(known, delivery, attempts), attempts,
						"Delivery " + delivery.deliveryId() + " of case " + known.getId()));
		recordOutcome(() -> this.due.finish(known.getId(), delivery, result, this.clock.instant()),
				"Delivery " + delivery.deliveryId());
		// A message of the case that waited behind this one may go now.
		wake();
		this.meters
			.counter(DELIVERIES, "audience", delivery.audience().name(), "channel", delivery.channel().name(),
					"outcome", result.status().name())
			.increment();
		log.info("Delivery {} ({} to {} by {}) {}{}", delivery.deliveryId(), delivery.template(), delivery.audience(),
				delivery.channel(), result.status(), (result.reason() != null) ? " " + result.reason() : "");
	}

	private int dispatchDigests(Instant now) {
		int queued = 0;
		for (String digestId : this.due.digestsDue(now)) {
			CoordinatorDigest claimed = this.due.claimDigest(digestId, now).orElse(null);
			if (claimed != null && this.lanes.offer(EmailChannel.NAME, () -> sendDigest(claimed))) {
				queued++;
			}
		}
		return queued;
	}

	private void sendDigest(CoordinatorDigest claimed) {
		// Queued behind a slow send, the digest may have been claimed again meanwhile.
		CoordinatorDigest digest = this.due.startDigest(claimed.getId(), claimed, this.clock.instant()).orElse(null);
		if (digest == null) {
			return;
		}
		Instant token = digest.leaseUntil();
		List<Guards.Attempt> attempts = new ArrayList<>();
		DeliveryResult result = SendWindow.within(window(token),
				() -> guarded(() -> this.digests.send(digest, attempts), attempts, "Digest " + digest.getId()));
		recordOutcome(() -> this.due.finishDigest(digest.getId(), token, result, this.clock.instant()),
				"Digest " + digest.getId());
		log.info("Digest {} of {} referrals {}", digest.getId(), digest.referralIds().size(), result.status());
	}

	/**
	 * How long one send may take: until its lease runs out, less the time kept to record
	 * its outcome, so that no other sender takes it over while it may still reach the
	 * provider.
	 * @param leaseUntil the end of the sender's lease (a whole lease from now when
	 * unknown)
	 */
	private Duration window(@Nullable Instant leaseUntil) {
		Duration lease = (leaseUntil != null) ? Duration.between(this.clock.instant(), leaseUntil)
				: this.settings.lease();
		return lease.minus(margin());
	}

	/** The end of a lease kept to record the outcome: a minute, or half a short lease. */
	private Duration margin() {
		Duration lease = this.settings.lease();
		Duration minute = Duration.ofMinutes(1);
		return (lease.compareTo(minute.multipliedBy(2)) > 0) ? minute : lease.dividedBy(2);
	}

	/**
	 * Records an outcome, trying again through a database outage for the margin the lease
	 * keeps for it: an outcome lost after the provider took the message would have it
	 * sent again once the lease runs out, and an email has no lookup to catch that.
	 */
	private void recordOutcome(Runnable write, String what) {
		long until = System.nanoTime() + margin().toNanos();
		long pause = 500;
		while (true) {
			try {
				write.run();
				return;
			}
			catch (DataAccessException ex) {
				if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > until) {
					log.warn("{}: outcome not recorded ({}); taken again when its lease runs out", what,
							ex.getClass().getSimpleName());
					return;
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				pause = Math.min(pause * 2, 5_000);
			}
		}
	}

	/**
	 * A permanent failure ends the delivery; any other is tried again later, since an
	 * outage must not lose a message. One the provider may have taken is not sent again.
	 */
	private DeliveryResult guarded(Supplier<DeliveryResult> send, List<Guards.Attempt> attempts, String what) {
		try {
			return send.get();
		}
		catch (UnconfirmedSend ex) {
			return DeliveryResult.unconfirmed(ex.address(), ex.reason(), attempts);
		}
		catch (ChannelFailure ex) {
			return ex.permanent() ? DeliveryResult.failed(ex.reason(), attempts)
					: DeliveryResult.retry(ex.reason(), attempts);
		}
		catch (RuntimeException ex) {
			log.warn("{} failed: {}", what, ex.getClass().getSimpleName());
			attempts.add(new Guards.Attempt(this.clock.instant(), "ERROR " + ex.getClass().getSimpleName()));
			return DeliveryResult.retry("ERROR " + ex.getClass().getSimpleName(), attempts);
		}
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

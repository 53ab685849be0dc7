package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The referrals at risk of passing 60 days that one organization's coordinators hear
 * about together, in one email the next morning (its id is the organization and the day).
 */
@Document("coordinator_digests")
class CoordinatorDigest extends Aggregate {

	private @Nullable String organizationId;

	private List<String> referralIds = new ArrayList<>();

	private DeliveryStatus status = DeliveryStatus.PENDING;

	private @Nullable Instant dueAt;

	private @Nullable Instant leaseUntil;

	private @Nullable Instant firstTriedAt;

	private @Nullable String reasonCode;

	private List<Delivery.Attempt> attempts = new ArrayList<>();

	@PersistenceCreator
	CoordinatorDigest(String id) {
		super(id);
	}

	static String idOf(@Nullable String organizationId, Instant sendAt) {
		return ((organizationId != null) ? organizationId : "network") + ":"
				+ sendAt.atZone(QuietHours.MONTREAL).toLocalDate();
	}

	/** Adds a referral, once, to a digest that has not gone yet. */
	void add(@Nullable String organizationId, String referralId, Instant sendAt) {
		this.organizationId = organizationId;
		this.dueAt = sendAt;
		if (!this.referralIds.contains(referralId)) {
			this.referralIds.add(referralId);
		}
	}

	boolean due(Instant now) {
		return (this.status == DeliveryStatus.PENDING && this.dueAt != null && !now.isBefore(this.dueAt))
				|| (this.status == DeliveryStatus.SENDING && this.leaseUntil != null && !now.isBefore(this.leaseUntil));
	}

	boolean claim(Instant now, Duration lease) {
		if (!due(now)) {
			return false;
		}
		this.status = DeliveryStatus.SENDING;
		this.leaseUntil = now.plus(lease);
		if (this.firstTriedAt == null) {
			this.firstTriedAt = now;
		}
		return true;
	}

	/** A passing failure: the digest waits for another attempt at {@code nextAt}. */
	void retry(Instant nextAt, List<Delivery.Attempt> attempts) {
		this.status = DeliveryStatus.PENDING;
		this.dueAt = nextAt;
		this.leaseUntil = null;
		this.attempts.addAll(attempts);
	}

	/** When its first attempt began, which its deadline counts from. */
	Instant firstTriedAt() {
		return (this.firstTriedAt != null) ? this.firstTriedAt : Instant.EPOCH;
	}

	void finish(DeliveryStatus outcome, @Nullable String reasonCode, List<Delivery.Attempt> attempts) {
		this.status = outcome;
		this.reasonCode = reasonCode;
		this.leaseUntil = null;
		this.attempts.addAll(attempts);
	}

	@Nullable String organizationId() {
		return this.organizationId;
	}

	List<String> referralIds() {
		return List.copyOf(this.referralIds);
	}

	DeliveryStatus status() {
		return this.status;
	}

}

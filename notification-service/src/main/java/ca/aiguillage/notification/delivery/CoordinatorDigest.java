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
		return Lease.due(this.status, this.dueAt, this.leaseUntil, now);
	}

	boolean claim(Instant now, Duration lease) {
		if (!due(now)) {
			return false;
		}
		this.status = DeliveryStatus.SENDING;
		this.leaseUntil = Lease.until(now, lease);
		if (this.firstTriedAt == null) {
			this.firstTriedAt = now;
		}
		return true;
	}

	/**
	 * A sender starts on the digest it claimed, renewing its lease, unless a later claim
	 * took it over while it waited in its lane.
	 * @param token the lease's end this sender's claim gave
	 */
	boolean start(@Nullable Instant token, Instant now, Duration lease) {
		if (!heldBy(token)) {
			return false;
		}
		this.leaseUntil = Lease.until(now, lease);
		return true;
	}

	/** Whether the sender showing this token still holds the digest. */
	boolean heldBy(@Nullable Instant token) {
		return Lease.heldBy(this.status, this.leaseUntil, token);
	}

	/** The fencing token of the current claim, or null when nobody holds the digest. */
	@Nullable Instant leaseUntil() {
		return this.leaseUntil;
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

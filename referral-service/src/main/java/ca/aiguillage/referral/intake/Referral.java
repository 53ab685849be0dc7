package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A referral: the client's personal data, which stays in this document, and the status
 * the referrer follows. Its events carry only ids, codes and matching attributes.
 */
@Document("referrals")
class Referral extends Aggregate {

	private Instant receivedAt;

	private IntakeChannel intakeChannel;

	private @Nullable String partnerId;

	private ReferralStatus status;

	private InboundReferralV1 request;

	private @Nullable String requestFingerprint;

	@PersistenceCreator
	Referral(String id) {
		super(id);
	}

	/**
	 * Registers a validated referral: a referral at imminent risk is redirected to crisis
	 * resources and never reaches the waitlist; any other is announced.
	 */
	static Referral register(String id, InboundReferralV1 request, IntakeChannel channel, @Nullable String partnerId,
			@Nullable String requestFingerprint, Instant now) {
		Referral referral = new Referral(id);
		referral.receivedAt = now;
		referral.intakeChannel = channel;
		referral.partnerId = partnerId;
		referral.request = request;
		referral.requestFingerprint = requestFingerprint;
		if (Boolean.TRUE.equals(request.risk().imminentRisk())) {
			// Not a crisis service: a client at imminent risk must never sit in a
			// waitlist.
			referral.status = ReferralStatus.REDIRECTED;
			return referral;
		}
		referral.status = ReferralStatus.SUBMITTED;
		referral.raise(referral.submitted());
		return referral;
	}

	private ReferralSubmittedV1 submitted() {
		InboundReferralV1.Client client = this.request.client();
		InboundReferralV1.Needs needs = this.request.needs();
		return new ReferralSubmittedV1(getId(), this.receivedAt, this.intakeChannel, this.partnerId,
				this.request.targetOrganizationId(), client.preferredLanguage(), client.languages(), needs.clientele(),
				needs.approaches(), Boolean.TRUE.equals(needs.approachRequired()), needs.modality(),
				needs.availability(), this.request.priority(),
				client.postalCode().substring(0, 3).toUpperCase(Locale.ROOT), consentedChannels());
	}

	private List<ContactChannel> consentedChannels() {
		InboundReferralV1.Consent consent = this.request.consent();
		List<ContactChannel> channels = new ArrayList<>();
		if (Boolean.TRUE.equals(consent.email()) && this.request.client().email() != null) {
			channels.add(ContactChannel.EMAIL);
		}
		if (Boolean.TRUE.equals(consent.sms()) && this.request.client().mobilePhone() != null) {
			channels.add(ContactChannel.SMS);
		}
		return channels;
	}

	@Nullable String partnerId() {
		return this.partnerId;
	}

	Instant receivedAt() {
		return this.receivedAt;
	}

	ReferralStatus status() {
		return this.status;
	}

	/**
	 * The SHA-256 of the request as submitted under an {@code Idempotency-Key}.
	 * @return the fingerprint, or null when no key came with the request
	 */
	@Nullable String requestFingerprint() {
		return this.requestFingerprint;
	}

	InboundReferralV1 request() {
		return this.request;
	}

}

package ca.aiguillage.contracts;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kafka topic names. Every topic has one owner service, and every record on it is keyed
 * by the referral id, so that one referral's events stay ordered.
 */
public final class Topics {

	/**
	 * Referrals published by partners' integration engines; owned by referral-service.
	 * The logical topic: each partner system writes its own {@link #inboundOf(String)
	 * referrals.inbound.<partner>}, which only that partner's principal may write.
	 */
	public static final String REFERRALS_INBOUND = "referrals.inbound";

	/** Intake outcomes; owned by referral-service. */
	public static final String REFERRAL_EVENTS = "referral.events";

	/** Proposals and match failures; owned by matching-service. */
	public static final String MATCHING_EVENTS = "matching.events";

	/** Queue changes and coordinator decisions; owned by waitlist-service. */
	public static final String WAITLIST_EVENTS = "waitlist.events";

	/** Delivery outcomes and client answers; owned by notification-service. */
	public static final String NOTIFICATION_EVENTS = "notification.events";

	private Topics() {
	}

	/**
	 * The partner ids an inbound topic can name (a Kafka topic name's own characters).
	 */
	private static final class PartnerIds {

		static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	}

	/**
	 * The inbound topic of one partner system. The partner of a referral is the topic it
	 * arrived on, never a header its sender chose.
	 * @param partnerId the partner system's id, as in its tokens' {@code partner_id}
	 * @return {@code referrals.inbound.<partnerId>}
	 * @throws IllegalArgumentException if the id cannot name a topic
	 */
	public static String inboundOf(String partnerId) {
		if (!PartnerIds.PATTERN.matcher(partnerId).matches()) {
			throw new IllegalArgumentException("A partner id names a topic: lower-case letters, digits and dashes");
		}
		return REFERRALS_INBOUND + "." + partnerId;
	}

	/**
	 * The partner whose inbound topic this is.
	 * @param topic a topic name
	 * @return the partner id, or empty if the topic is not a partner's inbound topic
	 */
	public static Optional<String> partnerOfInbound(String topic) {
		String prefix = REFERRALS_INBOUND + ".";
		if (!topic.startsWith(prefix)) {
			return Optional.empty();
		}
		String partner = topic.substring(prefix.length());
		return PartnerIds.PATTERN.matcher(partner).matches() ? Optional.of(partner) : Optional.empty();
	}

}

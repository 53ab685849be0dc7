package ca.aiguillage.contracts;

/**
 * Kafka topic names. Every topic has one owner service, and every record on it is keyed
 * by the referral id, so that one referral's events stay ordered.
 */
public final class Topics {

	/**
	 * Referrals published by partners' integration engines; owned by referral-service.
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

}

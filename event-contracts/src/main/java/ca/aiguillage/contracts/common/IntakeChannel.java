package ca.aiguillage.contracts.common;

/** How a referral reached Aiguillage. */
public enum IntakeChannel {

	/** A partner called the HTTP API. */
	PARTNER_API,
	/** A partner's integration engine published on the inbound topic. */
	PARTNER_EVENT,
	/** The client referred themself. */
	SELF_REFERRAL

}

package ca.aiguillage.platform.security;

/** What a caller may do, from the token's {@code roles} claim. */
public enum Role {

	/** A referring partner's staff or system: its own referrals only. */
	PARTNER,
	/** A member organization's coordinator: that organization only. */
	COORDINATOR,
	/** An administrator of the network. */
	ADMIN,

	/**
	 * Another Aiguillage service, with a client-credentials token: internal calls only.
	 */
	SERVICE

}
